// The text form of a tsquery (what `websearch_to_tsquery(...)::text` prints:
// 'quantiz' & !'survey', 'mixtur' <-> 'expert', 'video' | 'audio') parsed into
// a tree, so search can bound how many papers a query matches from per-term
// document counts and build the any-word form of a query. Pure: no database.

export type TsNode =
  | { kind: "term"; lexeme: string; suffix: string }
  | { kind: "not"; arg: TsNode }
  | { kind: "and" | "or"; left: TsNode; right: TsNode }
  | { kind: "phrase"; left: TsNode; right: TsNode; op: string };

type Token = { type: "term"; lexeme: string; suffix: string } | { type: "op"; value: string };

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " ") {
      i++;
    } else if (c === "'") {
      let lexeme = "";
      i++;
      for (;;) {
        if (i >= text.length) return null;
        const ch = text[i]!;
        if (ch === "\\" && i + 1 < text.length) {
          lexeme += text[i + 1];
          i += 2;
        } else if (ch === "'" && text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          lexeme += ch;
          i++;
        }
      }
      // Weights and prefix marks (':*', ':AB'): websearch_to_tsquery prints none, kept if present.
      const suffix = /^:[*A-Da-d]+/.exec(text.slice(i))?.[0] ?? "";
      i += suffix.length;
      tokens.push({ type: "term", lexeme, suffix });
    } else if (c === "<") {
      const op = /^<(-|\d+)>/.exec(text.slice(i))?.[0];
      if (!op) return null;
      tokens.push({ type: "op", value: op });
      i += op.length;
    } else if ("&|!()".includes(c)) {
      tokens.push({ type: "op", value: c });
      i++;
    } else {
      return null;
    }
  }
  return tokens;
}

/** The tree of a tsquery's text form; null for an empty query or text this parser does not know. */
export function parseTsquery(text: string): TsNode | null {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return null;
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (value: string) => {
    const t = peek();
    return t?.type === "op" && t.value === value;
  };
  // Precedence, loosest first: | then & then <-> then !.
  const parseOr = (): TsNode | null => {
    let left = parseAnd();
    while (left && isOp("|")) {
      pos++;
      const right = parseAnd();
      left = right ? { kind: "or", left, right } : null;
    }
    return left;
  };
  const parseAnd = (): TsNode | null => {
    let left = parsePhrase();
    while (left && isOp("&")) {
      pos++;
      const right = parsePhrase();
      left = right ? { kind: "and", left, right } : null;
    }
    return left;
  };
  const parsePhrase = (): TsNode | null => {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      if (!left || t?.type !== "op" || !t.value.startsWith("<")) return left;
      pos++;
      const right = parseUnary();
      left = right ? { kind: "phrase", left, right, op: t.value } : null;
    }
  };
  const parseUnary = (): TsNode | null => {
    const t = peek();
    if (!t) return null;
    pos++;
    if (t.type === "term") return { kind: "term", lexeme: t.lexeme, suffix: t.suffix };
    if (t.value === "!") {
      const arg = parseUnary();
      return arg ? { kind: "not", arg } : null;
    }
    if (t.value === "(") {
      const inner = parseOr();
      if (!inner || !isOp(")")) return null;
      pos++;
      return inner;
    }
    return null;
  };
  const tree = parseOr();
  return tree && pos === tokens.length ? tree : null;
}

/** The tsquery text of a tree (lexemes quoted and escaped as tsquery input expects). */
export function tsqueryText(node: TsNode): string {
  switch (node.kind) {
    case "term":
      return `'${node.lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'${node.suffix}`;
    case "not":
      return `!( ${tsqueryText(node.arg)} )`;
    case "phrase":
      return `( ${tsqueryText(node.left)} ${node.op} ${tsqueryText(node.right)} )`;
    default:
      return `( ${tsqueryText(node.left)} ${node.kind === "and" ? "&" : "|"} ${tsqueryText(node.right)} )`;
  }
}

/** Every lexeme of the tree, negated ones included, once each. */
export function lexemes(node: TsNode): string[] {
  const out = new Set<string>();
  const walk = (n: TsNode) => {
    if (n.kind === "term") out.add(n.lexeme);
    else if (n.kind === "not") walk(n.arg);
    else {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(node);
  return [...out];
}

/**
 * At most how many of `total` papers match the tree, given how many contain each lexeme: a phrase or
 * AND matches no more than its rarest side, an OR no more than both sides together, a negation (and
 * a weighted or prefix term) possibly every paper.
 */
export function matchBound(node: TsNode, papersWith: (lexeme: string) => number, total: number): number {
  switch (node.kind) {
    case "term":
      return node.suffix ? total : Math.min(total, papersWith(node.lexeme));
    case "not":
      return total;
    case "or":
      return Math.min(total, matchBound(node.left, papersWith, total) + matchBound(node.right, papersWith, total));
    default:
      return Math.min(matchBound(node.left, papersWith, total), matchBound(node.right, papersWith, total));
  }
}

/**
 * The any-word form of a query: its words (outside negations) joined by OR, still excluding what it
 * excludes ('a' & 'b' & !'c' becomes ( 'a' | 'b' ) & !( 'c' )). Null when that matches the same papers
 * as the query itself (a single word, or a query that is already an OR of words).
 */
export function anyWordTsquery(node: TsNode): string | null {
  const words: string[] = [];
  const excluded: TsNode[] = [];
  let needsAll = false;
  const walk = (n: TsNode) => {
    if (n.kind === "term") {
      if (!words.includes(n.lexeme)) words.push(n.lexeme);
    } else if (n.kind === "not") {
      excluded.push(n.arg);
    } else {
      if (n.kind !== "or") needsAll = true;
      walk(n.left);
      walk(n.right);
    }
  };
  walk(node);
  if (!needsAll || words.length < 2) return null;
  const any = words.map((lexeme) => tsqueryText({ kind: "term", lexeme, suffix: "" })).join(" | ");
  return [`( ${any} )`, ...excluded.map((n) => `!( ${tsqueryText(n)} )`)].join(" & ");
}
