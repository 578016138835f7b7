/**
 * A build step that makes the shipped code smaller without changing what it does:
 * - drops the `desc` notes of `msg()` calls (they are for translators, read from source by
 *   `lit-localize extract`; at run time they are dead weight), and shortens their ids (`twofa-cancel`
 *   → `0`) here and in the generated locale modules alike;
 * - collapses the indentation inside `html` and `svg` templates (HTML treats a run of whitespace
 *   like one space, and the kit renders nothing whitespace-sensitive), and minifies `css` ones, with
 *   the private custom properties (`--_accent`, never the public `--twofa-*`) shortened to `--_0`, `--_1`, …;
 * - renames private and protected members to short names (`_t0`, `_t1`, …): minifiers never rename
 *   properties, and the kit's descriptive member names are a good part of its code. See `planMangling`.
 * It works on the TypeScript syntax tree (and, for renaming, the type checker), not on regular
 * expressions, so nested templates and quotes inside strings are safe.
 */
import ts from 'typescript';

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
  /** Short message ids, from `planMessageIds`. */
  messageIds?: ReadonlyMap<string, string>;
}

/** The lean source of one file. */
export function leanSource(code: string, fileName: string, { renames = [], cssNames = new Map(), messageIds = new Map() }: LeanOptions = {}): string {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [...renames];
  const css = (raw: string) => leanCss(raw).replace(PRIVATE_PROPERTY, (name) => cssNames.get(name) ?? name);

  const visit = (node: ts.Node): void => {
    if (isMsgCall(node)) leanOptions(node, source, edits, messageIds);
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TEMPLATE_TAGS.has(node.tag.text)) {
      collapse(node.template, source, edits, node.tag.text === 'css' ? css : leanMarkup);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  let result = code;
  let limit = Infinity;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    if (edit.end > limit) throw new Error(`${fileName}: overlapping edits at ${edit.start}`);
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
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

/** A `msg()` call's options without the translators' `desc`, and with the short id. */
function leanOptions(call: ts.CallExpression, source: ts.SourceFile, edits: Edit[], messageIds: ReadonlyMap<string, string>): void {
  const options = call.arguments[1];
  if (!options || !ts.isObjectLiteralExpression(options)) return;
  const id = messageId(call);
  const short = id === undefined ? undefined : messageIds.get(id);
  const kept = options.properties
    .filter((p) => !(ts.isPropertyAssignment(p) && p.name.getText(source) === 'desc'))
    .map((p) => (short && ts.isPropertyAssignment(p) && p.name.getText(source) === 'id' ? `id: '${short}'` : p.getText(source)));
  edits.push({ start: options.getStart(source), end: options.getEnd(), text: `{ ${kept.join(', ')} }` });
}

/**
 * Short ids for the kit's messages, the most used first: `twofa-cancel` → `0`. The ids only have
 * to match between the `msg()` calls and the generated locale modules (`leanLocale`), and both are
 * rewritten by the same build; the runtime is the kit's own, so no host's ids can clash.
 */
export function planMessageIds(files: readonly ts.SourceFile[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      const id = isMsgCall(node) ? messageId(node) : undefined;
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return new Map([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id], i) => [id, i.toString(36)]));
}

/** A generated locale module with the short ids as keys. */
export const leanLocale = (code: string, messageIds: ReadonlyMap<string, string>) =>
  code.replace(/^'(twofa-[\w-]+)':/gm, (key, id: string) => (messageIds.has(id) ? `'${messageIds.get(id)}':` : key));

/** Markup: a run of whitespace with a line break is one space to HTML. */
const leanMarkup = (raw: string) => raw.replace(/[ \t]*\r?\n[ \t\r\n]*/g, ' ');

/**
 * CSS: no comments; no whitespace around braces, semicolons, commas and child combinators, none
 * after a colon (never before: `a :hover`) nor before `!important`; no last semicolon in a block;
 * `0.5` as `.5`, `#ffffff` as `#fff`, and `*` in `calc()` without spaces (`:host *` keeps its own);
 * no whitespace at the start and end of the template.
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
 * renamed together with its key. New names are `_t` and a number: Lit's own minified members are `_$…`,
 * and no DOM property starts so.
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
  const renamed = new Map([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name], i) => [name, `_t${i.toString(36)}`]));
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
  let messageIds = new Map<string, string>();
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
      messageIds = building ? planMessageIds(files) : new Map();
    },
    transform(code: string, id: string) {
      if (/\/src\/generated\/locales\/[\w-]+\.ts$/.test(id)) return { code: leanLocale(code, messageIds), map: null };
      if (!isLibrarySource(id)) return null;
      // The renames are positions in the files the checker read: the code must be that file, unchanged.
      if (plan && program?.getSourceFile(id)?.text !== code) throw new Error(`${id} is not the file the renames were planned on`);
      return { code: leanSource(code, id, { renames: plan?.edits.get(id), cssNames, messageIds }), map: null };
    },
  };
}
