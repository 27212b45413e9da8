/**
 * How zod runs the checks of every schema. By default it compiles a checking function for each
 * object shape (`new Function`) the first time it is used; every command of this program is a
 * new process that checks a handful of documents, so that compiling costs more than it saves
 * (measured on the practice PC's documents: less CPU for the first diagnosis, and no slower
 * once warm, up to 10,000 certificates and credentials). The checks themselves are the same.
 *
 * Only zod's core is loaded here, for the setting: a command that builds no zod schema (a
 * diagnosis) never loads zod's API. zod sets English messages itself with its first schema.
 *
 * zod reads the setting when a schema is created, so each entry point imports this module
 * before anything else.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
