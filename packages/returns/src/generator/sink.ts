/** A growable UTF-8 byte buffer fed with strings in chunks, so large files never become one huge string. */
const encoder = new TextEncoder();
const CHUNK = 1 << 16;

export class ByteSink {
  private buf: Uint8Array;
  private len = 0;
  private pending: string[] = [];
  private pendingLen = 0;

  constructor(initialBytes = 1 << 16) {
    this.buf = new Uint8Array(initialBytes);
  }

  write(s: string): void {
    this.pending.push(s);
    this.pendingLen += s.length;
    if (this.pendingLen >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.pendingLen === 0) return;
    const s = this.pending.length === 1 ? (this.pending[0] as string) : this.pending.join('');
    this.pending = [];
    this.pendingLen = 0;
    const need = this.len + s.length * 3;
    if (need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.len += encoder.encodeInto(s, this.buf.subarray(this.len)).written;
  }

  /** The bytes written so far, in a buffer of exactly that length. */
  bytes(): Uint8Array {
    this.flush();
    return this.buf.slice(0, this.len);
  }
}

export interface GeneratedFile {
  name: string;
  bytes: Uint8Array;
}
