// ESLint rule `boundaries/imports`: which folder may import which, by the resolved path of every
// relative import (and, where a zone lists `packages`, which npm packages it may use).
// A file gets every zone whose `from` prefix it lies under. CommonJS, so tests can load it too.
const { dirname, relative, resolve, sep } = require('node:path');

const toPosix = (p) => p.split(sep).join('/');

/** @type {import('eslint').Rule.RuleModule} */
const imports = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each part of the repository to the imports its runtime and role allow' },
    schema: [{ type: 'object', properties: { root: { type: 'string' }, zones: { type: 'array' } }, additionalProperties: false }],
  },
  create(context) {
    const { root, zones } = context.options[0];
    const file = toPosix(relative(root, context.filename));
    const applicable = zones.filter(
      (z) => file.startsWith(z.from) && !(z.exceptFiles ?? []).some((re) => new RegExp(re).test(file)),
    );
    if (applicable.length === 0) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (!spec.startsWith('.')) {
        for (const z of applicable) {
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          if (z.packages && !spec.startsWith('node:') && !z.packages.includes(name)) {
            context.report({ node, message: `${z.from} may not import the package '${name}': ${z.why}` });
          }
        }
        return;
      }
      const target = toPosix(relative(root, resolve(dirname(context.filename), spec)));
      for (const z of applicable) {
        const allowed = (z.allow ?? []).some((p) => target.startsWith(p));
        const forbidden = z.only ? !z.only.some((p) => target.startsWith(p)) : (z.forbid ?? []).some((p) => target.startsWith(p));
        if (forbidden && !allowed) context.report({ node, message: `${z.from} may not import ${target}: ${z.why}` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => node.argument?.literal && check(node.argument, node.argument.literal.value),
      CallExpression: (node) =>
        node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal'
          ? check(node.arguments[0], node.arguments[0].value)
          : undefined,
    };
  },
};

const TEST_SUPPORT = ['\\.test\\.ts$', '(^|/)testing(/|\\.ts$)'];

/** Which folder may import which; a file gets every zone whose `from` it lies under. */
const ZONES = [
  {
    from: 'miniprogram/',
    forbid: ['cloudfunctions/', 'frontmachine/', 'sandbox/', 'protocol/', 'test/', 'scripts/', 'bench/'],
    why: 'the mini program ships alone (only typings/ and its own folder)',
  },
  {
    from: 'miniprogram/core/',
    exceptFiles: TEST_SUPPORT,
    only: ['miniprogram/core/', 'typings/'],
    packages: ['dayjs'],
    why: 'core holds pure rules shared with the cloud: nothing runtime-specific',
  },
  {
    from: 'miniprogram/services/',
    forbid: ['miniprogram/pages/', 'miniprogram/packages/', 'miniprogram/components/', 'miniprogram/behaviors/', 'miniprogram/view-models/'],
    why: 'services serve the view code, never the other way round',
  },
  {
    from: 'cloudfunctions/',
    exceptFiles: TEST_SUPPORT,
    forbid: ['frontmachine/', 'sandbox/', 'test/', 'scripts/', 'bench/', 'cloudfunctions/testing/', 'miniprogram/'],
    allow: ['miniprogram/core/'],
    why: 'a cloud function reaches the hospital only through the signed front-machine API',
  },
  {
    from: 'frontmachine/src/',
    exceptFiles: TEST_SUPPORT,
    forbid: ['cloudfunctions/', 'sandbox/', 'test/', 'scripts/', 'bench/', 'frontmachine/testing/', 'miniprogram/'],
    allow: ['miniprogram/core/'],
    why: 'the front machine never depends on the cloud or on the sandbox it stands in front of',
  },
  {
    from: 'sandbox/hospital/',
    exceptFiles: TEST_SUPPORT,
    forbid: ['cloudfunctions/', 'frontmachine/', 'protocol/', 'test/', 'miniprogram/'],
    allow: ['miniprogram/core/'],
    why: 'the sandbox hospital is a hospital: it knows only its HSB messages',
  },
  {
    from: 'sandbox/cloud/',
    exceptFiles: TEST_SUPPORT,
    forbid: ['frontmachine/', 'sandbox/hospital/', 'test/', 'miniprogram/'],
    allow: ['miniprogram/core/'],
    why: 'the local cloud hosts the functions; it talks to the front machine over HTTP only',
  },
  { from: 'protocol/', only: ['protocol/'], why: 'the wire protocol stands alone: both sides import it' },
  { from: 'typings/', only: ['typings/'], why: 'contracts are types only' },
];

module.exports = { rules: { imports }, ZONES };

