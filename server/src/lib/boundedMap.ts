/**
 * Sets `key` in a map kept to at most `limit` entries: when it is full, the entry set longest ago
 * goes first (a Map iterates in insertion order). For what a long-running process remembers and
 * would otherwise collect without end: prepared statements, checked tokens, working-day walks.
 */
export function keepAtMost<K, V>(map: Map<K, V>, limit: number, key: K, value: V): void {
  if (!map.has(key) && map.size >= limit) {
    const oldest = map.keys().next();
    if (!oldest.done) {
      map.delete(oldest.value);
    }
  }
  map.set(key, value);
}
