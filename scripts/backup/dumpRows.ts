// Counts the rows of each table in a mariadb-dump as it streams past. The counts in the manifest
// must describe the dump itself: counted with a separate query they would come from another moment
// than the dump's single transaction, and a busy system would make every restore look incomplete.
import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

const CREATE = /^CREATE TABLE `((?:[^`]|``)+)`/;
const INSERT = /^INSERT INTO `((?:[^`]|``)+)` VALUES/;

/**
 * Passes the dump through unchanged and counts, per table, the rows it inserts. Outside an INSERT
 * the dump is read line by line (DDL and comments); inside one, character by character: each `(`
 * outside a quoted string at the top level starts a row and `;` there ends the statement. Strings
 * are quoted with ' and backslash escapes, binary columns are hex literals (--hex-blob); MariaDB
 * 10.11 puts each row of an extended INSERT on its own line, older clients all on one.
 */
export class DumpRowCounter extends Transform {
  readonly tables = new Map<string, number>();
  /** mariadb-dump ends a dump it finished with this comment; a cut-off dump lacks it. */
  completed = false;
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  /** The table of the INSERT being read, or null between statements. */
  private inserting: string | null = null;
  private quoted = false;
  private escaped = false;
  private depth = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending += this.decoder.write(chunk);
    this.scan(false);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.pending += this.decoder.end();
    this.scan(true);
    callback();
  }

  private scan(atEnd: boolean): void {
    while (this.pending.length > 0) {
      if (this.inserting !== null) {
        this.scanValues(this.inserting);
        continue;
      }
      const newline = this.pending.indexOf('\n');
      if (newline === -1 && !atEnd) {
        return;
      }
      const line = newline === -1 ? this.pending : this.pending.slice(0, newline);
      this.pending = newline === -1 ? '' : this.pending.slice(newline + 1);
      const insert = INSERT.exec(line);
      if (insert?.[1]) {
        this.inserting = insert[1].replace(/``/g, '`');
        this.tables.set(this.inserting, this.tables.get(this.inserting) ?? 0);
        this.pending = `${line.slice(insert[0].length)}\n${this.pending}`;
        continue;
      }
      const created = CREATE.exec(line);
      if (created?.[1]) {
        this.tables.set(created[1].replace(/``/g, '`'), 0);
      } else if (line.startsWith('-- Dump completed')) {
        this.completed = true;
      }
    }
  }

  /** Reads the pending text as VALUES of `table` until the statement's `;` or the end of the text. */
  private scanValues(table: string): void {
    const text = this.pending;
    let rows = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.escaped) {
        this.escaped = false;
      } else if (this.quoted) {
        if (c === '\\') {
          this.escaped = true;
        } else if (c === "'") {
          this.quoted = false;
        }
      } else if (c === "'") {
        this.quoted = true;
      } else if (c === '(') {
        rows += this.depth === 0 ? 1 : 0;
        this.depth += 1;
      } else if (c === ')') {
        this.depth -= 1;
      } else if (c === ';' && this.depth === 0) {
        this.tables.set(table, (this.tables.get(table) ?? 0) + rows);
        this.inserting = null;
        this.pending = text.slice(i + 1);
        return;
      }
    }
    this.tables.set(table, (this.tables.get(table) ?? 0) + rows);
    this.pending = '';
  }
}
