/**
 * The build steps no standard tool does for messages. `msg()` calls ship without their options: in the source
 * each call names its id and a `desc` note for translators (`lit-localize extract` reads both from
 * the source); the built kit instead finds a message's translation by a short hash of its English
 * text (src/message-key.ts), the generated locale modules being keyed alike, so neither ships. And each
 * language's messages are split in two: those only the panel uses load with the panel (`PANEL_SOURCES`).
 * It works on the TypeScript syntax tree, so nested templates and quotes inside strings are safe.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { textKey } from '../src/message-key.js';

/**
 * The panel's part of each language (src/twofa-manage/panel-messages.ts): the messages whose every
 * `msg()` call is in `<twofa-manage>`'s or `<twofa-step-up>`'s folder. A message the wizard uses too
 * stays in the core, whatever its id. Each module of the part re-exports its language's generated
 * module in the source; the build gives it the part's messages and leaves them out of the generated one.
 */
const PANEL_SOURCES = /\/src\/twofa-(manage|step-up)\//;
const PANEL_LOCALE = /\/src\/twofa-manage\/messages\/[\w-]+\.ts$/;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A call of an element's `msg` (`this.msg(…)`, `i18n.msg(…)`) or of a helper's (`msg(…)`, destructured from a translator). */
const isMsgCall = (node: ts.Node): node is ts.CallExpression =>
  ts.isCallExpression(node) &&
  ((ts.isIdentifier(node.expression) && node.expression.text === 'msg') ||
    (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'msg'));

/** The `id` of a `msg()` call, when it is a literal. */
function messageId(call: ts.CallExpression): string | undefined {
  const options = call.arguments[1];
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  const id = options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'id');
  return id && ts.isStringLiteral(id.initializer) ? id.initializer.text : undefined;
}

/**
 * A `msg()` call without its options when its key is the hash of its text, else without the
 * translators' `desc` and with its short id.
 */
function leanOptions(call: ts.CallExpression, source: ts.SourceFile, edits: Edit[], messages: MessagePlan): void {
  const options = call.arguments[1];
  if (!options || !ts.isObjectLiteralExpression(options)) return;
  const id = messageId(call);
  if (id !== undefined && messages.hashed.has(id)) {
    edits.push({ start: call.arguments[0].getEnd(), end: options.getEnd(), text: '' });
    return;
  }
  const short = id === undefined ? undefined : messages.keys.get(id);
  const kept = options.properties
    .filter((p) => !(ts.isPropertyAssignment(p) && p.name.getText(source) === 'desc'))
    .map((p) => (short && ts.isPropertyAssignment(p) && p.name.getText(source) === 'id' ? `id: '${short}'` : p.getText(source)));
  edits.push({ start: options.getStart(source), end: options.getEnd(), text: `{ ${kept.join(', ')} }` });
}

/** The text of a `msg()` call's template as `messageKey` (src/message-key.ts) hashes it at run time, when it is a literal. */
function messageTemplateText(call: ts.CallExpression): string | undefined {
  const template = call.arguments[0];
  if (!template) return undefined;
  if (ts.isStringLiteral(template) || ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
  if (!ts.isTaggedTemplateExpression(template) || !ts.isIdentifier(template.tag) || template.tag.text !== 'str') return undefined;
  const parts = template.template;
  return ts.isNoSubstitutionTemplateLiteral(parts) ? parts.text : [parts.head.text, ...parts.templateSpans.map((span) => span.literal.text)].join('\u0001');
}

/** How the built kit finds each message's translation: see `planMessages`. */
interface MessagePlan {
  /** The key of each message id in the generated locale modules. */
  keys: Map<string, string>;
  /** The ids whose `msg()` calls lose their options: their key is `messageKey` of their text. */
  hashed: Set<string>;
  /** The ids of the panel's part (`PANEL_SOURCES`), kept out of the core locale modules. */
  panel: Set<string>;
  /** The `SEED` and `SIZE` of src/message-key.ts that give those keys. */
  seed: number;
  size: number;
}

/**
 * The keys of the kit's messages in the built locale modules. A message whose every call has the
 * same literal text, shared with no other id, is found by a short hash of that text (`messageKey` in
 * src/message-key.ts), so its calls ship without an id: the seed is searched until no two such texts
 * share a key. Any other message keeps an id, shortened to `_` and a number (`twofa-cancel` → `_0`, the
 * most used first), which no hash key can equal. Ids and keys only have to match between the `msg()`
 * calls and the generated locale modules (`leanLocale`), and both are rewritten by the same build; the
 * runtime is the kit's own, so no host's ids can clash.
 */
function planMessages(files: readonly ts.SourceFile[]): MessagePlan {
  const counts = new Map<string, number>();
  const texts = new Map<string, Set<string | undefined>>();
  const outsidePanel = new Set<string>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      const id = isMsgCall(node) ? messageId(node) : undefined;
      if (id) {
        counts.set(id, (counts.get(id) ?? 0) + 1);
        if (!PANEL_SOURCES.test(file.fileName)) outsidePanel.add(id);
        texts.set(id, (texts.get(id) ?? new Set()).add(messageTemplateText(node as ts.CallExpression)));
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  const idsOfText = new Map<string | undefined, number>();
  for (const set of texts.values()) for (const text of set) idsOfText.set(text, (idsOfText.get(text) ?? 0) + 1);
  const textOf = new Map<string, string>();
  for (const [id, set] of texts) {
    const [text] = set;
    if (set.size === 1 && text !== undefined && idsOfText.get(text) === 1) textOf.set(id, text);
  }

  const keys = new Map<string, string>();
  const explicit = [...counts.entries()].filter(([id]) => !textOf.has(id)).sort((a, b) => b[1] - a[1]);
  explicit.forEach(([id], i) => keys.set(id, `_${i.toString(36)}`));
  const panel = new Set([...counts.keys()].filter((id) => !outsidePanel.has(id)));
  const hashed = [...textOf.values()];
  for (const [size, tries] of [
    [36 ** 2, 100_000],
    [36 ** 3, 100_000],
    [36 ** 4, 1_000],
  ]) {
    for (let seed = 0; seed < tries; seed++) {
      if (new Set(hashed.map((text) => textKey(text, seed, size))).size !== hashed.length) continue;
      for (const [id, text] of textOf) keys.set(id, textKey(text, seed, size));
      return { keys, hashed: new Set(textOf.keys()), panel, seed, size };
    }
  }
  throw new Error("No seed gives the kit's messages distinct keys");
}

/** src/message-key.ts with the plan's `SEED` and `SIZE`. */
function leanMessageKey(code: string, { seed, size }: MessagePlan): string {
  const lean = code.replace(/const SEED = \d+;/, `const SEED = ${seed};`).replace(/const SIZE = \d+;/, `const SIZE = ${size};`);
  if (!lean.includes(`const SEED = ${seed};`) || !lean.includes(`const SIZE = ${size};`)) throw new Error('src/message-key.ts: no SEED or SIZE to set');
  return lean;
}

/**
 * A generated locale module with only the messages `keep` names, keyed by their short ids, and
 * `@lit/localize`'s `str` written out: the kit's `msg` reads only `strings` and `values`, and importing
 * the package would cost the locale chunks a shared chunk of their own.
 */
function leanLocale(code: string, fileName: string, messages: MessagePlan, keep: (id: string) => boolean): string {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const templates = source.statements
    .filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations)
    .find((declaration) => declaration.name.getText(source) === 'templates')?.initializer;
  if (!templates || !ts.isObjectLiteralExpression(templates)) throw new Error(`${fileName}: no templates object`);
  const entries = templates.properties.filter(ts.isPropertyAssignment).flatMap((property) => {
    const id = ts.isStringLiteral(property.name) ? property.name.text : property.name.getText(source);
    return keep(id) ? [`'${messages.keys.get(id) ?? id}': ${property.initializer.getText(source)},`] : [];
  });
  return [
    'const str = (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values });',
    `export const templates = {\n${entries.join('\n')}\n};`,
    '',
  ].join('\n');
}

/** A module of the panel's part: its language's generated module (which it re-exports in the source), with the panel's messages only. */
function panelLocale(code: string, fileName: string, messages: MessagePlan): string {
  const specifier = /from '(\.[^']+)\.js'/.exec(code)?.[1];
  if (!specifier) throw new Error(`${fileName}: re-exports no generated locale module`);
  const generated = resolve(dirname(fileName), `${specifier}.ts`);
  return leanLocale(readFileSync(generated, 'utf8'), generated, messages, (id) => messages.panel.has(id));
}

/** A library source file with its `msg()` calls as the plan ships them. */
function leanMessages(code: string, fileName: string, messages: MessagePlan): string {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  const visit = (node: ts.Node): void => {
    if (isMsgCall(node)) leanOptions(node, source, edits, messages);
    ts.forEachChild(node, visit);
  };
  visit(source);
  // Calls nest (a message inside another's value), so the edits are made from the end.
  let result = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

const isLibrarySource = (fileName: string) => /\/src\/.*\.ts$/.test(fileName) && !fileName.includes('/generated/') && !fileName.endsWith('.d.ts');

/** The program of the library's sources, as `tsconfig.build.json` compiles them. */
function sourceFiles(tsconfig: string): ts.SourceFile[] {
  const config = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, tsconfig.replace(/[^/]*$/, ''));
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
  return program.getSourceFiles().filter((file) => isLibrarySource(file.fileName));
}

/** The same as a Vite plugin, for the library build only (the dev server and the tests of source keep the ids, and each language whole). */
export function messagesPlugin() {
  let messages: MessagePlan | undefined;
  return {
    name: 'twofa-messages',
    enforce: 'pre' as const,
    apply: 'build' as const,
    buildStart() {
      messages = planMessages(sourceFiles(new URL('../tsconfig.build.json', import.meta.url).pathname));
    },
    transform(code: string, id: string) {
      if (!messages) return null;
      const { panel } = messages;
      if (/\/src\/generated\/locales\/[\w-]+\.ts$/.test(id)) return { code: leanLocale(code, id, messages, (key) => !panel.has(key)), map: null };
      if (PANEL_LOCALE.test(id)) return { code: panelLocale(code, id, messages), map: null };
      if (!isLibrarySource(id)) return null;
      const lean = leanMessages(code, id, messages);
      return { code: id.endsWith('/src/message-key.ts') ? leanMessageKey(lean, messages) : lean, map: null };
    },
  };
}
