/**
 * How zod runs the checks of every schema. By default it compiles a checking function for each
 * object shape (`new Function`) the first time it is used; every command of this program is a
 * new process that checks a handful of documents, so that compiling costs more than it saves
 * (measured on the practice PC's documents: less CPU for the first diagnosis, and no slower
 * once warm, up to 10,000 certificates and credentials). The checks themselves are the same.
 *
 * The messages are English for every schema. zod's full API sets that when it builds its first
 * schema, but the modules every command loads use zod's small API (zod/mini), which sets none.
 *
 * zod reads the setting when a schema is created, so each entry point imports this module
 * before anything else.
 */
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config({ jitless: true, ...en() });
