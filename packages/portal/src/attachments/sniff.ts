import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { StagedFile } from '../db/file-store.ts';
import { ProblemError } from '../http/problem.ts';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

/** The extension a stored file's name gets for its detected type (downloads open with the right app). */
export const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  [DOCX]: 'docx',
};

const refuse = (detail: string) => new ProblemError(415, 'unsupported-media-type', detail);

/**
 * What a DOCX must be: an OOXML package whose main part is a Word document, without VBA. Only
 * `[Content_Types].xml` is inflated (size-capped), so a zip bomb costs nothing; the other entries
 * are judged by name.
 */
function checkDocx(data: Uint8Array): void {
  const names: string[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, {
      filter: (file) => {
        names.push(file.name);
        return file.name === '[Content_Types].xml' && file.originalSize <= 1024 * 1024;
      },
    });
  } catch {
    throw refuse('The document is not a valid DOCX file');
  }
  const contentTypes = new TextDecoder().decode(entries['[Content_Types].xml'] ?? new Uint8Array());
  if (
    names.some((name) => /vbaProject\.bin$|vbaData\.xml$/i.test(name)) ||
    /macroEnabled|vba/i.test(contentTypes)
  ) {
    throw refuse('Documents with macros are not accepted; save it as a plain .docx or PDF');
  }
  if (!contentTypes.includes(DOCX_MAIN) || !names.includes('word/document.xml')) {
    throw refuse('The document is not a valid DOCX file');
  }
}

/**
 * The file's real media type, from its content (never its name or the declared type), if the
 * organisation accepts it; otherwise 415 `unsupported-media-type`. Executables and anything
 * unrecognised are refused because they are not in any allowed list. A staged file is read only as
 * far as the type needs (a PDF's first bytes), a DOCX whole.
 */
export async function sniff(data: Uint8Array | StagedFile, allowed: readonly string[]): Promise<string> {
  const detected =
    data instanceof StagedFile ? await fileTypeFromFile(data.path) : await fileTypeFromBuffer(data);
  if (detected === undefined) throw refuse('The type of this file could not be recognised');
  if (!allowed.includes(detected.mime) || EXTENSIONS[detected.mime] === undefined) {
    throw refuse(`Files of this type (${detected.ext}) are not accepted`);
  }
  if (detected.mime === DOCX) checkDocx(data instanceof StagedFile ? await readFile(data.path) : data);
  return detected.mime;
}
