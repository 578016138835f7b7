/**
 * A build step that makes the shipped code smaller without changing what it does:
 * - drops the `desc` notes of `msg()` calls (they are for translators, read from source by
 *   `lit-localize extract`; at run time they are dead weight);
 * - collapses the indentation inside `html` and `svg` templates (HTML treats a run of whitespace
 *   like one space, and the kit renders nothing whitespace-sensitive), and minifies `css` ones.
 * It works on the TypeScript syntax tree, not on regular expressions, so nested templates and
 * quotes inside strings are safe.
 */
import ts from 'typescript';

const TEMPLATE_TAGS = new Set(['html', 'svg', 'css']);

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function leanSource(code: string, fileName: string): string {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg') dropDesc(node, source, edits);
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TEMPLATE_TAGS.has(node.tag.text)) {
      collapse(node.template, source, edits, node.tag.text === 'css' ? leanCss : leanMarkup);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  let result = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

function dropDesc(call: ts.CallExpression, source: ts.SourceFile, edits: Edit[]): void {
  const options = call.arguments[1];
  if (!options || !ts.isObjectLiteralExpression(options)) return;
  const kept = options.properties.filter((p) => !(ts.isPropertyAssignment(p) && p.name.getText(source) === 'desc'));
  if (kept.length === options.properties.length) return;
  edits.push({ start: options.getStart(source), end: options.getEnd(), text: `{ ${kept.map((p) => p.getText(source)).join(', ')} }` });
}

/** Markup: a run of whitespace with a line break is one space to HTML. */
const leanMarkup = (raw: string) => raw.replace(/[ \t]*\r?\n[ \t\r\n]*/g, ' ');

/** CSS: no comments, no whitespace around braces, semicolons and commas, none after a colon (never before: `a :hover`). */
const leanCss = (raw: string) =>
  raw
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':');

function collapse(template: ts.TemplateLiteral, source: ts.SourceFile, edits: Edit[], lean: (raw: string) => string): void {
  const parts: ts.Node[] = ts.isNoSubstitutionTemplateLiteral(template)
    ? [template]
    : [template.head, ...template.templateSpans.map((span) => span.literal)];
  for (const part of parts) {
    const start = part.getStart(source);
    const raw = source.text.slice(start, part.getEnd());
    const text = lean(raw);
    if (text !== raw) edits.push({ start, end: part.getEnd(), text });
  }
}

/** The same as a Vite plugin, for the library build. */
export function leanSourcePlugin() {
  return {
    name: 'twofa-lean-source',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!/\/src\/.*\.ts$/.test(id) || id.includes('/generated/')) return null;
      return { code: leanSource(code, id), map: null };
    },
  };
}
