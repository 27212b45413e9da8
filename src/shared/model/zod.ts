/**
 * zod, as every module of this program uses it: `import * as z from '.../shared/model/zod'`
 * (the lint rules refuse importing 'zod' anywhere else), so its options are set before any
 * schema is built, and zod is loaded only by the modules that check with it. A diagnosis loads
 * none of them.
 *
 * The option: by default zod compiles a checking function for each object shape (`new Function`)
 * the first time it is used; every command of this program is a new process that checks a
 * handful of documents, so that compiling costs more than it saves (measured when the practice
 * PC's documents were still checked with zod: less CPU for the first diagnosis, and no slower
 * once warm, up to 10,000 certificates and credentials). The checks themselves are the same. zod reads it when a schema
 * is built.
 */
import { config } from 'zod';

config({ jitless: true });

// Named one by one, so a bundle keeps only what its modules use: handed on whole (`export *`),
// zod's namespace kept all of zod in the command line's bundle, every locale with it (+360 KB).
export {
  array,
  boolean,
  custom,
  discriminatedUnion,
  enum,
  lazy,
  literal,
  number,
  object,
  record,
  strictObject,
  string,
} from 'zod';
export type { core, infer, input, output, ZodType } from 'zod';
