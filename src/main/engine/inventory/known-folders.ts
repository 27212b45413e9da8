/**
 * The file system as one inventory sees it: each known folder is asked once, however many
 * readers need it (the cache folders, the program locations, the client's data). A known
 * folder is a Win32 call (SHGetKnownFolderPath) each time it is asked on Windows.
 */
import type { FileSystemPort, KnownFolderId } from '../../host/ports';

export function knownFoldersOnce(files: FileSystemPort): FileSystemPort {
  const asked = new Map<KnownFolderId, Promise<string | undefined>>();
  return {
    ...files,
    knownFolder(id) {
      let answer = asked.get(id);
      if (!answer) {
        answer = files.knownFolder(id);
        asked.set(id, answer);
      }
      return answer;
    },
  };
}
