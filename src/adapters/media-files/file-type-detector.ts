// Type detection by magic numbers with `file-type` (reads only the bytes it needs from the file).
import { fileTypeFromFile } from 'file-type';
import type { MediaTypeDetector } from '../../core/media/media.ports.js';

export class FileTypeDetector implements MediaTypeDetector {
  async detect(path: string): Promise<{ mimetype: string; ext: string } | null> {
    const found = await fileTypeFromFile(path);
    return found ? { mimetype: found.mime, ext: found.ext } : null;
  }
}
