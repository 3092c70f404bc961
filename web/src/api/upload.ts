// Multipart uploads with progress: fetch cannot report upload progress, XMLHttpRequest can.
import { ApiError } from './client';

export interface UploadOptions {
  headers?: Record<string, string>;
  /** Called with the share sent, from 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export function uploadForm<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // a proxy's HTML error page: reported by status below
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(body as T);
        return;
      }
      const error = (body as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
      reject(
        new ApiError(xhr.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${xhr.status}`, error?.details),
      );
    };
    // status 0: the request never got an answer (offline, connection dropped)
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'No connection to the server'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
