/**
 * The thin Electron binding of the dispatcher: one `ipcMain.handle` per operation of the table,
 * each turning Electron's event into the transport-independent `SenderInfo`.
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { channelFor, OPERATION_NAMES } from '../../shared/operations';
import type { OperationDispatcher } from './dispatcher';
import type { SenderInfo } from './sender';

export function senderFromEvent(
  event: IpcMainInvokeEvent,
  isAppMainFrame: (frame: WebFrameMain) => boolean,
): SenderInfo {
  // senderFrame is null when the frame navigated away or was destroyed meanwhile.
  const frame = event.senderFrame;
  if (!frame) return { frameUrl: '', isAppMainFrame: false };
  return { frameUrl: frame.url, isAppMainFrame: isAppMainFrame(frame) };
}

export function bindOperationsToIpcMain(
  ipcMain: IpcMain,
  dispatch: OperationDispatcher,
  isAppMainFrame: (frame: WebFrameMain) => boolean,
): () => void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(channelFor(name), (event, request: unknown) =>
      dispatch(senderFromEvent(event, isAppMainFrame), name, request),
    );
  }
  return () => {
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(channelFor(name));
  };
}
