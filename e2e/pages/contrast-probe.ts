/**
 * Runs in the page (passed to `page.evaluate`, so it must stay self-contained): for every button,
 * the contrast of its text against what is behind it and of its focus ring against what is
 * around it, from the colours Chromium computed. Semi-transparent backgrounds are blended over
 * their ancestors' like the browser paints them; the page itself is white underneath.
 */
export function contrastOf(): Array<{
  index: number;
  text: string;
  disabled: boolean;
  seen: boolean;
  textContrast: number;
  ringContrast?: number;
}> {
  interface ProbeButton {
    textContent: string | null;
    disabled: boolean;
    parentElement: ProbeElement | null;
    getClientRects(): ArrayLike<unknown>;
    checkVisibility(options: object): boolean;
  }
  interface ProbeElement {
    parentElement: ProbeElement | null;
  }
  interface ProbeStyle {
    color: string;
    backgroundColor: string;
    outlineStyle: string;
    outlineWidth: string;
    outlineColor: string;
  }
  const dom = globalThis as unknown as {
    document: { querySelectorAll(selector: string): ArrayLike<ProbeButton> };
    getComputedStyle(element: ProbeElement | ProbeButton): ProbeStyle;
  };
  type Rgba = [number, number, number, number];
  const parse = (value: string): Rgba => {
    const numbers = (value.match(/[\d.]+/g) ?? []).map(Number);
    const [r = 0, g = 0, b = 0, a = 1] = numbers;
    return [r, g, b, value.startsWith('rgba') ? a : 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const alpha = top[3] + bottom[3] * (1 - top[3]);
    if (alpha === 0) return [0, 0, 0, 0];
    const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha;
    return [mix(0), mix(1), mix(2), alpha];
  };
  const behind = (element: ProbeElement | ProbeButton | null): Rgba => {
    const layers: Rgba[] = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(dom.getComputedStyle(node).backgroundColor);
      layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]: Rgba): number => {
    const channel = (value: number) => {
      const v = value / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (a: Rgba, b: Rgba): number => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  };

  return Array.from(dom.document.querySelectorAll('button')).map((button, index) => {
    const style = dom.getComputedStyle(button);
    const background = behind(button);
    const text = over(parse(style.color), background);
    const ring =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        ? contrast(
            over(parse(style.outlineColor), behind(button.parentElement)),
            behind(button.parentElement),
          )
        : undefined;
    return {
      index,
      text: (button.textContent ?? '').trim().replace(/\s+/g, ' '),
      disabled: button.disabled,
      seen:
        button.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) &&
        button.getClientRects().length > 0,
      textContrast: contrast(text, background),
      ...(ring !== undefined ? { ringContrast: ring } : {}),
    };
  });
}
