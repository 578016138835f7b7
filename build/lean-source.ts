/**
 * A build step that makes the shipped code smaller without changing what it does:
 * - drops the options of `msg()` calls: the `desc` notes are for translators (read from source by
 *   `lit-localize extract`), and instead of an id the built kit finds a message's translation by a
 *   short hash of its English text (src/message-key.ts), the generated locale modules being keyed
 *   alike. See `planMessages`;
 * - minifies `html` and `svg` templates (whitespace that HTML and CSS ignore, the quotes of simple
 *   attribute values; see `minifyMarkup`) and `css` ones, with the private custom properties
 *   (`--_accent`, never the public `--twofa-*`) shortened to `--_0`, `--_1`, …;
 * - writes `if (!customElements.get(tag)) customElements.define(tag, Element)` as
 *   `defineElement(tag, Element)` (src/define-element.ts), which names the tag once;
 * - renames private and protected members to short names (`_a`, `_b`, …): minifiers never rename
 *   properties, and the kit's descriptive member names are a good part of its code. See `planMangling`.
 * It works on the TypeScript syntax tree (and, for renaming, the type checker), not on regular
 * expressions, so nested templates and quotes inside strings are safe.
 */
import { posix } from 'node:path';
import ts from 'typescript';
import { textKey } from '../src/message-key.js';

const TEMPLATE_TAGS = new Set(['html', 'svg', 'css']);

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface LeanOptions {
  /** Member renames of this file, from `planMangling`. */
  renames?: readonly Edit[];
  /** Short names of the private custom properties, from `planCssNames`. */
  cssNames?: ReadonlyMap<string, string>;
  /** The messages' keys, from `planMessages`. */
  messages?: MessagePlan;
}

/** The lean source of one file. */
export function leanSource(code: string, fileName: string, { renames = [], cssNames = new Map(), messages }: LeanOptions = {}): string {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [...renames];
  const css = (raw: string) => leanCss(raw).replace(PRIVATE_PROPERTY, (name) => cssNames.get(name) ?? name);

  let defines = false;
  const visit = (node: ts.Node): void => {
    if (isMsgCall(node)) leanOptions(node, source, edits, messages);
    const definition = elementDefinition(node);
    if (definition) {
      edits.push({ start: node.getStart(source), end: node.getEnd(), text: `defineElement(${definition});` });
      defines = true;
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TEMPLATE_TAGS.has(node.tag.text)) {
      if (node.tag.text === 'css') collapse(node.template, source, edits, css);
      else minifyMarkup(node.template, source, edits);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (defines) {
    const at = fileName.lastIndexOf('/src/');
    const from = posix.relative(posix.dirname(fileName), `${fileName.slice(0, at)}/src/define-element.js`);
    edits.push({ start: 0, end: 0, text: `import { defineElement } from '${from.startsWith('.') ? from : `./${from}`}';\n` });
  }

  let result = code;
  let limit = Infinity;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    if (edit.end > limit) throw new Error(`${fileName}: overlapping edits at ${edit.start}`);
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/**
 * `if (!customElements.get('twofa-x')) customElements.define('twofa-x', Element);` → the arguments of
 * the `defineElement` call (src/define-element.ts) that does the same: `'twofa-x', Element`.
 */
function elementDefinition(node: ts.Node): string | undefined {
  if (!ts.isIfStatement(node) || node.elseStatement) return undefined;
  const condition = node.expression;
  const then = ts.isBlock(node.thenStatement) && node.thenStatement.statements.length === 1 ? node.thenStatement.statements[0] : node.thenStatement;
  if (!ts.isPrefixUnaryExpression(condition) || condition.operator !== ts.SyntaxKind.ExclamationToken || !ts.isExpressionStatement(then)) return undefined;
  const registryCall = (expression: ts.Expression, method: string, count: number) =>
    ts.isCallExpression(expression) &&
    ts.isPropertyAccessExpression(expression.expression) &&
    ts.isIdentifier(expression.expression.expression) &&
    expression.expression.expression.text === 'customElements' &&
    expression.expression.name.text === method &&
    expression.arguments.length === count &&
    ts.isStringLiteral(expression.arguments[0])
      ? expression
      : undefined;
  const get = registryCall(condition.operand, 'get', 1);
  const define = registryCall(then.expression, 'define', 2);
  if (!get || !define || (get.arguments[0] as ts.StringLiteral).text !== (define.arguments[0] as ts.StringLiteral).text) return undefined;
  if (!ts.isIdentifier(define.arguments[1])) return undefined;
  return `'${(define.arguments[0] as ts.StringLiteral).text}', ${define.arguments[1].text}`;
}

const isMsgCall = (node: ts.Node): node is ts.CallExpression =>
  ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg';

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
function leanOptions(call: ts.CallExpression, source: ts.SourceFile, edits: Edit[], messages: MessagePlan | undefined): void {
  const options = call.arguments[1];
  if (!options || !ts.isObjectLiteralExpression(options)) return;
  const id = messageId(call);
  if (id !== undefined && messages?.hashed.has(id)) {
    edits.push({ start: call.arguments[0].getEnd(), end: options.getEnd(), text: '' });
    return;
  }
  const short = id === undefined ? undefined : messages?.keys.get(id);
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
export interface MessagePlan {
  /** The key of each message id in the generated locale modules. */
  keys: Map<string, string>;
  /** The ids whose `msg()` calls lose their options: their key is `messageKey` of their text. */
  hashed: Set<string>;
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
export function planMessages(files: readonly ts.SourceFile[]): MessagePlan {
  const counts = new Map<string, number>();
  const texts = new Map<string, Set<string | undefined>>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      const id = isMsgCall(node) ? messageId(node) : undefined;
      if (id) {
        counts.set(id, (counts.get(id) ?? 0) + 1);
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
  const hashed = [...textOf.values()];
  for (const [size, tries] of [[36 ** 2, 100_000], [36 ** 3, 100_000], [36 ** 4, 1_000]]) {
    for (let seed = 0; seed < tries; seed++) {
      if (new Set(hashed.map((text) => textKey(text, seed, size))).size !== hashed.length) continue;
      for (const [id, text] of textOf) keys.set(id, textKey(text, seed, size));
      return { keys, hashed: new Set(textOf.keys()), seed, size };
    }
  }
  throw new Error('No seed gives the kit\'s messages distinct keys');
}

/** src/message-key.ts with the plan's `SEED` and `SIZE`. */
export function leanMessageKey(code: string, { seed, size }: MessagePlan): string {
  const lean = code.replace(/const SEED = \d+;/, `const SEED = ${seed};`).replace(/const SIZE = \d+;/, `const SIZE = ${size};`);
  if (!lean.includes(`const SEED = ${seed};`) || !lean.includes(`const SIZE = ${size};`)) throw new Error('src/message-key.ts: no SEED or SIZE to set');
  return lean;
}

/**
 * A generated locale module with the short ids as keys (the first key shares its line with
 * `templates = {`), and `@lit/localize`'s `str` written out: the kit's `msg` reads only `strings`
 * and `values`, and importing the package would cost the locale chunks a shared chunk of their own.
 */
export const leanLocale = (code: string, keys: ReadonlyMap<string, string>) =>
  code
    .replace(/^(\s*)'(twofa-[\w-]+)':/gm, (key, space: string, id: string) => (keys.has(id) ? `${space}'${keys.get(id)}':` : key))
    .replace(
      /^\s*import\s*\{\s*str\s*\}\s*from\s*'@lit\/localize';/m,
      'const str = (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values });',
    );

/** Markup: a run of whitespace with a line break is one space to HTML. */
const leanMarkup = (raw: string) => raw.replace(/[ \t]*\r?\n[ \t\r\n]*/g, ' ');

/**
 * Elements that are never laid out inline: the block-level ones of the browser's style sheet, the
 * labels (block in base.styles.ts) and the kit's own elements that are blocks (`:host { display: block }`;
 * not `twofa-copy-button`, an inline block). White space next to their tags starts or ends a line, where
 * CSS drops it.
 */
const BLOCK = new Set(
  'address article aside blockquote br details dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr label legend li main nav ol p section summary table tbody td tfoot th thead tr ul twofa-code-input twofa-qr-code twofa-enroll'.split(
    ' ',
  ),
);
/** Elements whose content is laid out as a block of its own: white space just inside their tags starts or ends a line. */
const INSIDE_BLOCK = new Set(['button', 'option', 'select']);
const isBlock = (name: string) => BLOCK.has(name) || name.startsWith('twofa-step-');
const VOID = new Set('area base br col embed hr img input link meta source track wbr'.split(' '));
/** A start tag that keeps the white space inside it: it may be styled by `:empty` (`.error:empty`), or is a live region. */
const KEEPS_SPACE = /error|role=["']?(alert|status)|aria-live/;

/**
 * Markup, minified where HTML and CSS cannot tell: runs of white space with a line break are one
 * space (HTML treats them alike, and the kit renders nothing whitespace-sensitive), and none ends a
 * tag; white space next to a block's tags or just inside a button is dropped, except just inside an
 * element that `KEEPS_SPACE`; a void element's `/>` is `>`; and a static attribute value of letters,
 * digits, `-`, `_`, `.`, `:`, `/` or `#` loses its quotes. The template is read whole, its bindings
 * standing in as `${}`.
 */
function minifyMarkup(template: ts.TemplateLiteral, source: ts.SourceFile, edits: Edit[]): void {
  const parts: ts.Node[] = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
  const raws = parts.map((part) => source.text.slice(part.getStart(source), part.getEnd()));
  const joined = raws.join('');
  // Every binding is `${` at the end of one part and `}` at the start of the next: `${}` in `joined`.
  if (joined.split('${}').length !== parts.length) {
    collapse(template, source, edits, leanMarkup);
    return;
  }
  const pieces = minifyHtml(joined).split('${}');
  if (pieces.length !== parts.length) throw new Error(`${source.fileName}: a template's bindings moved while minifying it`);
  parts.forEach((part, i) => {
    const text = `${i ? '}' : ''}${pieces[i]}${i < parts.length - 1 ? '${' : ''}`;
    if (text !== raws[i]) edits.push({ start: part.getStart(source), end: part.getEnd(), text });
  });
}

/** `minifyMarkup` on a template's text, from its opening to its closing backtick, bindings as `${}`. */
export function minifyHtml(markup: string): string {
  const tokens = markup.match(/<!--[\s\S]*?-->|<\/?[a-zA-Z][^<>]*>|\$\{\}|\s+|[^<\s$]+|[\s\S]/g) ?? [];
  /** Open elements: name, and whether white space just inside it is kept. */
  const open: { name: string; keep: boolean }[] = [];
  const tag = (token: string | undefined) => /^<(\/?)([a-zA-Z][\w-]*)/.exec(token ?? '');
  const out: string[] = [];
  tokens.forEach((token, i) => {
    const match = tag(token);
    if (match) {
      const name = match[2].toLowerCase();
      if (match[1]) {
        const at = open.map((element) => element.name).lastIndexOf(name);
        if (at >= 0) open.length = at;
      } else if (!VOID.has(name) && !token.endsWith('/>')) {
        open.push({ name, keep: KEEPS_SPACE.test(token) });
      }
      const collapsed = leanMarkup(token).replace(/\s+(?=\/?>$)/, '');
      out.push(match[1] ? collapsed : leanTag(collapsed, name));
      return;
    }
    if (!/^\s+$/.test(token)) {
      out.push(token);
      return;
    }
    const before = tag(tokens[i - 1]);
    const after = tag(tokens[i + 1]);
    const parent = open[open.length - 1];
    // Just inside the parent: after its start tag, or before its end tag.
    const edge = (before && !before[1] && before[2].toLowerCase() === parent?.name) || (after?.[1] && after[2].toLowerCase() === parent?.name);
    const droppable =
      (before && isBlock(before[2].toLowerCase())) ||
      (after && isBlock(after[2].toLowerCase())) ||
      (edge && INSIDE_BLOCK.has(parent!.name));
    if (droppable && !(edge && parent!.keep)) return;
    out.push(/[\r\n]/.test(token) ? ' ' : token);
  });
  return out.join('');
}

/** A start tag (without the space before its `>`) without the quotes of its simple static values, and a void element's without `/`. */
function leanTag(token: string, name: string): string {
  let lean = token.replace(/(\s[\w:.@?-]+)=(["'])([\w.:/#-]+)\2(?=[\s>]|\/>)/g, (_, attribute: string, _quote: string, value: string) => `${attribute}=${value}`);
  if (VOID.has(name)) lean = lean.replace(/\s*\/>$/, '>');
  // An unquoted value must not run into a `/>`: `value=x/>` would be `x/`.
  return lean.replace(/(=[\w.:/#-]+)\/>$/, '$1 />');
}

/**
 * CSS: no comments; no whitespace around braces, semicolons, commas and child combinators, none
 * after a colon (never before: `a :hover`) nor before `!important`; no last semicolon in a block;
 * `0.5` as `.5`, `#ffffff` as `#fff`, and `*` in `calc()` without spaces (`:host *` keeps its own);
 * attribute selectors' identifier values unquoted (`[part~=input]`); `::before` and `::after` in
 * their one-colon form; no whitespace at the start and end of the template.
 */
const leanCss = (raw: string) =>
  raw
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/\s+!important/g, '!important')
    .replace(/;}/g, '}')
    .replace(/([\s:(,-])0\.(\d)/g, '$1.$2')
    .replace(/#([\da-f])\1([\da-f])\2([\da-f])\3\b/gi, '#$1$2$3')
    .replace(/ \* (?=[\d.])/g, '*')
    .replace(/\[([\w-]+)([~|^$*]?=)(['"])([a-zA-Z_][\w-]*)\3\]/g, '[$1$2$4]')
    .replace(/::(before|after)\b/g, ':$1')
    .replace(/^`\s+|\s+`$/g, '`');

/** A private custom property of the kit: `--_accent`, `--_code-width`. */
const PRIVATE_PROPERTY = /--_[\w-]+/g;

/** Short names for the private custom properties of every `css` template, the most used first: `--_accent` → `--_0`. */
export function planCssNames(files: readonly ts.SourceFile[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'css') {
        for (const [name] of node.template.getText(file).matchAll(PRIVATE_PROPERTY)) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return new Map([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name], i) => [name, `--_${i.toString(36)}`]));
}

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

/** What `planMangling` decided: the renames per file, and which names it renamed or left alone and why. */
export interface ManglePlan {
  edits: Map<string, Edit[]>;
  renamed: Map<string, string>;
  kept: Map<string, string>;
}

/**
 * Renames of private and protected class members, consistent across the files `own` accepts.
 *
 * A name is renamed everywhere or nowhere: every declaration of it in our classes is `private` or
 * `protected` (none public, none overriding a member of Lit or the DOM), and every use of it resolves,
 * through the type checker, to one of those declarations. A name is kept as it is when anything could
 * reach the member by its name rather than through a typed property access:
 * - a string literal with that name (`changed.has('drawing')`, `this['x']`, `'x' in y`),
 * - a property binding in a template (`.name=${…}`),
 * - a use the checker cannot resolve (`any`, an index signature), or one through a cast of one of our
 *   objects (`(this as unknown as T).name`), or destructuring of one of our objects,
 * - a constructor parameter property (the parameter's name would have to change too),
 * - a reactive property with an attribute (its attribute name comes from the property name).
 * A use that resolves to another type's member of the same name (`state.pending`, `details.open`) is
 * another object's, and is left alone. Reactive state (`static properties = { x: { state: true } }`) is
 * renamed together with its key. New names are `_` and one or two letters, the most used first (`_a`,
 * …, `_Z`, `_aa`, …), never a name the sources use: Lit's own minified members are `_$…`, and no DOM
 * property starts so.
 *
 * Protected members are renamed too, so a subclass outside the kit cannot call or override them by the
 * names its `.d.ts` files show.
 */
export function planMangling(program: ts.Program, own: (fileName: string) => boolean): ManglePlan {
  const checker = program.getTypeChecker();
  const files = program.getSourceFiles().filter((file) => own(file.fileName));
  const isOwnDeclaration = (declaration: ts.Declaration) => own(declaration.getSourceFile().fileName);
  const hidden = (declaration: ts.Declaration) =>
    (ts.isPropertyDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isAccessor(declaration)) &&
    isOwnDeclaration(declaration) &&
    (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
  /** A symbol every declaration of which is a private or protected member of one of our classes. */
  const isHiddenMember = (symbol: ts.Symbol | undefined) => !!symbol?.declarations?.length && symbol.declarations.every(hidden);

  /** Whether a property access may reach one of our objects through a cast (`(x as unknown as T).name`). */
  const mayBeOurs = (node: ts.Node): boolean => {
    if (!ts.isPropertyAccessExpression(node)) return false;
    let receiver: ts.Expression = node.expression;
    while (ts.isParenthesizedExpression(receiver) || ts.isAsExpression(receiver) || ts.isTypeAssertionExpression(receiver) || ts.isSatisfiesExpression(receiver)) {
      receiver = receiver.expression;
    }
    if (receiver === node.expression) return false;
    const type = checker.getTypeAtLocation(receiver);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
    const parts = type.isUnionOrIntersection() ? type.types : [type];
    return parts.some((part) => part.getSymbol()?.declarations?.some((d) => ts.isClassLike(d) && isOwnDeclaration(d)));
  };

  const candidates = new Set<string>();
  const kept = new Map<string, string>();
  const keep = (name: string, why: string) => {
    if (!kept.has(name)) kept.set(name, why);
  };

  // 1. Names declared private or protected in our classes, and reasons to keep some of them.
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isClassLike(node)) {
        const bases = baseTypes(node, checker);
        for (const member of node.members) {
          if (ts.isConstructorDeclaration(member)) {
            for (const parameter of member.parameters) {
              if (ts.isParameterPropertyDeclaration(parameter, member) && ts.isIdentifier(parameter.name)) {
                keep(parameter.name.text, 'a constructor parameter property');
              }
            }
            continue;
          }
          if (!member.name || !ts.isIdentifier(member.name)) continue;
          const name = member.name.text;
          if (!hidden(member)) keep(name, 'public in one of our classes');
          else candidates.add(name);
          for (const base of bases) {
            const inherited = base.getProperty(name);
            if (inherited?.declarations?.some((declaration) => !isOwnDeclaration(declaration))) keep(name, 'declared by Lit or the DOM');
          }
          if (isStaticProperties(member) && member.initializer && ts.isObjectLiteralExpression(member.initializer)) {
            for (const property of member.initializer.properties) {
              if (!property.name || !ts.isIdentifier(property.name)) continue;
              if (!ts.isPropertyAssignment(property) || !isAttributeless(property.initializer)) keep(property.name.text, 'a reactive property with an attribute');
            }
          }
        }
      }
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) keep(node.text, 'named in a string');
      if (ts.isTemplateLiteralToken(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        for (const match of node.text.matchAll(/\.([A-Za-z_$][\w$]*)=/g)) keep(match[1], 'bound by name in a template');
      }
      if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        const name = node.propertyName ?? node.name;
        const property = ts.isIdentifier(name) ? checker.getTypeAtLocation(node.parent).getProperty(name.text) : undefined;
        if (ts.isIdentifier(name) && isHiddenMember(property)) keep(name.text, 'destructured');
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  // 2. Every use must resolve to a private or protected declaration of ours.
  const uses = new Map<ts.SourceFile, ts.Identifier[]>();
  for (const file of files) {
    const found: ts.Identifier[] = [];
    const visit = (node: ts.Node): void => {
      const name = memberName(node);
      if (name && candidates.has(name.text)) {
        const symbol = checker.getSymbolAtLocation(name);
        if (isHiddenMember(symbol) || isStatePropertyKey(node, checker, isHiddenMember)) found.push(name);
        else if (!symbol?.declarations?.length || mayBeOurs(node)) keep(name.text, 'used through a type the checker does not resolve to the member');
        // Else another type's member of the same name (`state.pending`, `details.open`): another object, left alone.
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    uses.set(file, found);
  }

  // 3. Short names, the most used first.
  const counts = new Map<string, number>();
  for (const found of uses.values()) for (const name of found) if (!kept.has(name.text)) counts.set(name.text, (counts.get(name.text) ?? 0) + 1);
  const taken = new Set<string>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) taken.add(node.text);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  const names = shortNames(taken);
  const renamed = new Map([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => [name, names.next().value!]));
  for (const name of candidates) if (!kept.has(name) && !renamed.has(name)) keep(name, 'never used');

  const edits = new Map<string, Edit[]>();
  for (const [file, found] of uses) {
    edits.set(
      file.fileName,
      found.filter((name) => renamed.has(name.text)).map((name) => ({ start: name.getStart(file), end: name.getEnd(), text: renamed.get(name.text)! })),
    );
  }
  for (const name of kept.keys()) if (!candidates.has(name)) kept.delete(name);
  return { edits, renamed, kept };
}

/** `_a`, …, `_z`, `_A`, …, `_Z`, `_aa`, `_ab`, …: short member names, skipping those `taken`. */
function* shortNames(taken: ReadonlySet<string>): Generator<string> {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let length = 1; ; length++) {
    for (let i = 0; i < letters.length ** length; i++) {
      let name = '';
      for (let n = i, k = 0; k < length; k++, n = Math.floor(n / letters.length)) name = letters[n % letters.length] + name;
      if (!taken.has(`_${name}`)) yield `_${name}`;
    }
  }
}

/** The name of a member declaration, a property access (`x.name`) or a key of `static properties`. */
function memberName(node: ts.Node): ts.Identifier | undefined {
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) return node.name;
  if ((ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isAccessor(node)) && ts.isIdentifier(node.name)) return node.name;
  if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && isStaticProperties(node.parent.parent)) return node.name;
  return undefined;
}

/** `static properties = { … }` of a Lit element. */
function isStaticProperties(node: ts.Node): node is ts.PropertyDeclaration {
  return (
    ts.isPropertyDeclaration(node) &&
    ts.isIdentifier(node.name) &&
    node.name.text === 'properties' &&
    (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Static) !== 0
  );
}

/** `{ state: true }` or `{ attribute: false, … }`: a reactive property without an attribute. */
function isAttributeless(options: ts.Expression): boolean {
  if (!ts.isObjectLiteralExpression(options)) return false;
  return options.properties.some(
    (p) =>
      ts.isPropertyAssignment(p) &&
      ts.isIdentifier(p.name) &&
      ((p.name.text === 'state' && p.initializer.kind === ts.SyntaxKind.TrueKeyword) ||
        (p.name.text === 'attribute' && p.initializer.kind === ts.SyntaxKind.FalseKeyword)),
  );
}

/** A key of `static properties` naming a private or protected member of its class (or a base class). */
function isStatePropertyKey(node: ts.Node, checker: ts.TypeChecker, isHiddenMember: (symbol: ts.Symbol | undefined) => boolean): boolean {
  if (!ts.isPropertyAssignment(node) || !ts.isIdentifier(node.name) || !isStaticProperties(node.parent.parent)) return false;
  const owner = node.parent.parent.parent;
  if (!ts.isClassLike(owner)) return false;
  const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(owner.name!)!);
  return isHiddenMember(type.getProperty(node.name.text));
}

/** The instance types a class extends. */
function baseTypes(node: ts.ClassLikeDeclaration, checker: ts.TypeChecker): ts.Type[] {
  if (!node.name) return [];
  const symbol = checker.getSymbolAtLocation(node.name);
  if (!symbol) return [];
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return type.isClassOrInterface() ? checker.getBaseTypes(type) : [];
}

/** The program of the library's sources, as `tsconfig.build.json` compiles them. */
export function sourceProgram(tsconfig: string): ts.Program {
  const config = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, tsconfig.replace(/[^/]*$/, ''));
  return ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
}

export const isLibrarySource = (fileName: string) => /\/src\/.*\.ts$/.test(fileName) && !fileName.includes('/generated/') && !fileName.endsWith('.d.ts');

/**
 * The same as a Vite plugin, for the library build. The renames are planned once per build from the
 * whole program, so they are made only by `vite build` (a dev server would edit files under the plan).
 */
export function leanSourcePlugin() {
  let building = false;
  let program: ts.Program | undefined;
  let plan: ManglePlan | undefined;
  let cssNames = new Map<string, string>();
  let messages: MessagePlan | undefined;
  return {
    name: 'twofa-lean-source',
    enforce: 'pre' as const,
    configResolved(config: { command: string }) {
      building = config.command === 'build';
    },
    buildStart() {
      program = sourceProgram(new URL('../tsconfig.build.json', import.meta.url).pathname);
      plan = building ? planMangling(program, isLibrarySource) : undefined;
      const files = program.getSourceFiles().filter((file) => isLibrarySource(file.fileName));
      cssNames = planCssNames(files);
      messages = building ? planMessages(files) : undefined;
    },
    transform(code: string, id: string) {
      if (/\/src\/generated\/locales\/[\w-]+\.ts$/.test(id)) return { code: leanLocale(code, messages?.keys ?? new Map()), map: null };
      if (!isLibrarySource(id)) return null;
      // The renames are positions in the files the checker read: the code must be that file, unchanged.
      if (plan && program?.getSourceFile(id)?.text !== code) throw new Error(`${id} is not the file the renames were planned on`);
      const lean = leanSource(code, id, { renames: plan?.edits.get(id), cssNames, messages });
      return { code: messages && id.endsWith('/src/message-key.ts') ? leanMessageKey(lean, messages) : lean, map: null };
    },
  };
}
