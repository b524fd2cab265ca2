/** One SQL statement with its $n parameters. */
export interface Statement {
  text: string;
  params: unknown[];
}

/** Pure: shifts every `$n` in a statement by `offset`, so it can join another's parameter list. */
export function renumberParams(text: string, offset: number): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/**
 * Pure: folds writes (INSERT / UPDATE / DELETE without RETURNING) and an optional final
 * statement into one statement, the writes becoming data-modifying CTEs, with parameters
 * renumbered. PostgreSQL runs every data-modifying CTE whether or not it is referenced.
 * Statements must not contain `$n` inside string literals, and writes must not start with
 * WITH (PostgreSQL allows data-modifying CTEs only at the top level).
 */
export function foldStatements(writes: Statement[], final: Statement | null): Statement {
  if (writes.length === 0) {
    if (!final) throw new Error("Nothing to fold.");
    return final;
  }
  if (writes.length === 1 && !final) return writes[0]!;
  const params: unknown[] = [];
  const renumbered = (statement: Statement) => {
    const offset = params.length;
    params.push(...statement.params);
    return renumberParams(statement.text.trim(), offset);
  };
  const ctes = writes.map((write, i) => {
    if (/^\s*WITH\s/i.test(write.text)) throw new Error("A deferred write cannot have its own WITH clause.");
    return `deferred_${i} AS (${renumbered(write)})`;
  });
  if (!final) return { text: `WITH ${ctes.join(",\n")}\nSELECT 1`, params };
  const text = renumbered(final);
  const ownWith = /^WITH\s+(?!RECURSIVE\b)/i.exec(text);
  if (/^WITH\s+RECURSIVE\b/i.test(text)) throw new Error("A final statement with WITH RECURSIVE cannot be folded.");
  return { text: ownWith ? `WITH ${ctes.join(",\n")},\n${text.slice(ownWith[0].length)}` : `WITH ${ctes.join(",\n")}\n${text}`, params };
}
