import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { TemplateSandbox } from './template-sandbox';

const sandbox = new TemplateSandbox();
const render = (tpl: string, vars: Record<string, unknown> = {}) => sandbox.render(tpl, vars);

describe('TemplateSandbox (Jinja2)', () => {
  after(() => sandbox.onModuleDestroy());

  it('renders the templates Dify users write', async () => {
    const chunks = [
      { title: 'Intro', content: 'Hello  ', score: 0.91234 },
      { title: 'Body', content: 'World', score: 0.5 },
    ];
    const tpl = [
      '{# retrieved chunks -#}',
      '{% for c in chunks -%}',
      '{{ loop.index }}. {{ c.title | upper }} ({{ c.score | round(2) }}){% if loop.first %} *{% endif %}{% if not loop.last %}\n{% endif %}',
      '{%- endfor %}',
      'Total: {{ chunks | length }}; names: {{ chunks | map(attribute="title") | join(", ") }}',
    ].join('\n');
    assert.equal(await render(tpl, { chunks }), '1. INTRO (0.91) *\n2. BODY (0.5)\nTotal: 2; names: Intro, Body');
    assert.equal(
      await render(
        '{% if score >= 90 %}A{% elif score >= 60 %}B{% else %}C{% endif %}|{{ "yes" if ok and not bad else "no" }}|{{ 7 // 2 }} {{ 7 % 3 }} {{ 2 ** 10 }} {{ 1 + 2 * 3 }}',
        { score: 75, ok: true, bad: false },
      ),
      'B|yes|3 1 1024 7',
    );
    assert.equal(
      await render(
        "{% set greeting = 'Hi ' ~ name|title %}{{ greeting }}! {{ name|capitalize }} {{ '  x  '|trim }}|{{ missing|default('n/a') }}|{{ ''|default('empty', true) }}",
        { name: 'ada lovelace' },
      ),
      'Hi Ada Lovelace! Ada lovelace x|n/a|empty',
    );
    assert.equal(
      await render("{{ items|sort|join(',') }} {{ items|unique|list|length }} {{ items|first }} {{ items|last }} {{ items|sort(reverse=true)|first }}", {
        items: [3, 1, 2, 3],
      }),
      '1,2,3,3 3 3 3 3',
    );
    assert.equal(
      await render("{{ '3.7'|float + 1 }} {{ '42'|int * 2 }} {{ 'x'|int }} {{ 5|string ~ '!' }} {{ 'a-b-c'|replace('-', '+') }}"),
      '4.7 84 0 5! a+b+c',
    );
    assert.equal(
      await render('{{ data|tojson }} {{ "<b>"|e }} {{ "<i>"|safe }}', { data: { b: [1, 'x'], a: null } }),
      '{"a": null, "b": [1, "x"]} &lt;b&gt; <i>',
    );
    assert.equal(
      await render(
        '{{ user.name }} {{ user["tags"][1] }} {{ user.tags.0 }} {{ user.tags[-1] }} {{ "b" in user.tags }} {{ "z" not in user.tags }} {{ user.tags[1:] }}',
        { user: { name: 'Li', tags: ['a', 'b', 'c'] } },
      ),
      "Li b a c True True ['b', 'c']",
    );
    assert.equal(
      await render('{% for k, v in d.items() %}{{ k }}={{ v }}{% if not loop.last %}&{% endif %}{% endfor %}', { d: { x: 1, y: 'two' } }),
      'x=1&y=two',
    );
    assert.equal(
      await render('{% for x in [] %}never{% else %}empty{% endfor %} {% for i in range(1, 10, 3) if i > 1 %}{{ i }}{{ loop.length }} {% endfor %}'),
      'empty 42 72 ',
    );
    assert.equal(
      await render('{% set ns = namespace(total=0) %}{% for p in prices %}{% set ns.total = ns.total + p %}{% endfor %}{{ ns.total }}', {
        prices: [1, 2, 3.5],
      }),
      '6.5',
    );
    assert.equal(await render('a  \n  {%- if true -%}  \n  b  {%- endif %}  c {#- gone -#}  d\n'), 'ab  cd');
    assert.equal(
      await render('{% raw %}{{ not rendered }}{% endraw %} {{ none }} {{ true }} {{ [1, "a"] }} {{ {"k": 1} }}'),
      "{{ not rendered }} None True [1, 'a'] {'k': 1}",
    );
    assert.equal(
      await render('{{ "%s has %d items"|format(name, n) }} {{ "{} and {}".format("x", "y") }} {{ text.split(",")|map("trim")|join("|") }}', {
        name: 'cart',
        n: 3,
        text: 'a, b ,c',
      }),
      'cart has 3 items x and y a|b|c',
    );
    assert.equal(
      await render('{{ users|selectattr("active")|map(attribute="n")|join }} {{ nums|select("even")|list }} {{ nums|sum }} {{ nums|max }}', {
        users: [
          { n: 'a', active: true },
          { n: 'b', active: false },
        ],
        nums: [1, 2, 3, 4],
      }),
      'a [2, 4] 10 4',
    );
  });

  it('prints numbers as Python does (floats keep their .0, round() ties go to even)', async () => {
    assert.equal(
      await render(
        '{{ 10 / 2 }} {{ 7 // 2 }} {{ 3 * 1.0 }} {{ 2.5|round }} {{ "3"|float }} {{ (10 / 4)|int }} {{ 1e3 }} {{ -2.0 }} {{ [1.0, 2] }} {{ {"x": 2.0}|tojson }} {{ 4.0 == 4 }} {{ x|round(1) }}',
        { x: 49.96 },
      ),
      '5.0 3 3.0 2.0 3.0 2 1000.0 -2.0 [1.0, 2] {"x": 2.0} True 50.0',
    );
    assert.equal(await render('{{ {"toString": 1}.toString }} {{ 0.0 is float }} {{ 3 is integer }}'), '1 True True');
  });

  it('reports template errors clearly', async () => {
    await assert.rejects(render('{% if x %}open'), /TemplateSyntaxError: Unexpected end of template.*'endif'/);
    await assert.rejects(render('{{ x | nosuchfilter }}'), /TemplateAssertionError: No filter named 'nosuchfilter'/);
    await assert.rejects(render('{% if false %}{{ x | nosuchfilter }}{% endif %}'), /No filter named 'nosuchfilter'/);
    await assert.rejects(render('{{ 1 / 0 }}'), /ZeroDivisionError: division by zero/);
    await assert.rejects(render('{{ missing.attr }}'), /UndefinedError: 'missing' is undefined/);
  });

  it('cannot reach the host: constructors, dunders and prototype pollution go nowhere', async () => {
    assert.equal(await render("{{ ''.__class__ }}|{{ x.__proto__ }}|{{ x.constructor }}", { x: { a: 1 } }), '||');
    await assert.rejects(render("{{ ''.__class__.__mro__[1].__subclasses__() }}"), /UndefinedError/);
    await assert.rejects(render("{{ [].constructor.constructor('return process')() }}"), /UndefinedError/);
    await assert.rejects(render('{{ x.constructor.constructor("return this")() }}', { x: 'str' }), /UndefinedError/);
    await assert.rejects(render("{{ cycler.__init__.__globals__.os.popen('id').read() }}"), /UndefinedError/);
    await assert.rejects(render('{% set x.__proto__ = 1 %}', { x: {} }), /cannot assign attribute on non-namespace/);
    // Jinja2 allows these names; here they are plain keys of Maps, so nothing reaches a prototype.
    assert.equal(await render('{% set ns = namespace() %}{% set ns.__proto__ = {"polluted": 1} %}{{ ns.__proto__.polluted }}'), '1');
    assert.equal(await render('{% set d = {"__proto__": {"polluted": 1}} %}{{ d.__proto__.polluted }}|{{ d.polluted }}'), '1|');
    assert.equal(await render('{% macro __proto__() %}m{% endmacro %}{{ __proto__() }}'), 'm');
    // Names looked up in the engine's own tables never reach Object.prototype either.
    assert.equal(await render('{{ __proto__ }}|{{ constructor }}|{{ toString }}'), '||');
    await assert.rejects(render('{{ [1]|map("constructor")|list }}'), /TemplateRuntimeError: No filter named 'constructor'/);
    await assert.rejects(render('{{ [1]|select("toString")|list }}'), /TemplateRuntimeError: No test named 'toString'/);
    await assert.rejects(render('{{ 1|__proto__ }}'), /TemplateAssertionError: No filter named '__proto__'/);
    assert.equal(await render('{{ "&constructor; &amp;"|striptags }}'), '&constructor; &');
    // None of it leaked into the next render or into this process.
    assert.equal(await render('{{ {}.polluted }}|{{ x.polluted }}|{{ namespace().polluted }}', { x: {} }), '||');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('supports macros with call blocks and {%+ %} whitespace markers; refuses break/continue as Jinja2 without the loopcontrols extension does', async () => {
    await assert.rejects(
      render('{% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}{{ i }}{% endfor %}'),
      /TemplateSyntaxError: Encountered unknown tag 'continue'/,
    );
    await assert.rejects(render('{% for x in [1] %}{% break %}{% endfor %}'), /unknown tag 'break'/);

    const field = '{% macro field(name, value="", type="text") -%}<input type="{{ type }}" name="{{ name }}" value="{{ value|e }}">{%- endmacro %}';
    assert.equal(
      await render(`${field}{{ field('user') }}|{{ field('pw', type='password') }}|{{ field('q', '<x>') }}`),
      '<input type="text" name="user" value="">|<input type="password" name="pw" value="">|<input type="text" name="q" value="&lt;x&gt;">',
    );
    assert.equal(
      await render('{% set x = 1 %}{% macro m(y) %}{% set x = 2 %}{{ greeting }} {{ x }}{{ y }}{% endmacro %}{{ m(3) }} {{ x }}', { greeting: 'Hi' }),
      'Hi 23 1',
    );
    assert.equal(
      await render("{% macro box(title) %}[{{ title }}: {{ caller() }}]{% endmacro %}{% call box('Note') %}body of {{ who }}{% endcall %}", { who: 'Ada' }),
      '[Note: body of Ada]',
    );
    assert.equal(
      await render(
        '{% macro each(xs) %}{% for x in xs %}{{ caller(x, loop.index) }}{% endfor %}{% endmacro %}{% call(item, n) each(["a", "b"]) %}<{{ n }}:{{ item }}>{% endcall %}',
      ),
      '<1:a><2:b>',
    );
    await assert.rejects(render('{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}'), /macro 'm' takes not more than 1 argument/);
    await assert.rejects(render('{% macro m(a) %}{% endmacro %}{{ m(b=2) }}'), /takes no keyword argument 'b'/);
    await assert.rejects(render('{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}'), /RecursionError: maximum recursion depth exceeded/);

    assert.equal(await render('a  {%+ if true +%}  b{% endif %}|x {%- if 1 +%} y{%+ endif -%} z'), 'a    b|x yz');
  });

  it('keeps rendering while another template spins until its time limit', async () => {
    const pool = new TemplateSandbox();
    try {
      // Load the pool's isolates first: what is measured is waiting behind the spinning render, not start-up.
      await Promise.all([1, 2, 3, 4].map(() => pool.render('{{ 1 }}', {})));
      assert.equal(pool.size, 4);
      const spin = pool.render('{% for i in range(1000000000) %}{% for j in range(1000000000) %}{% endfor %}{% endfor %}', {}, 1500);
      const t0 = Date.now();
      const quick = await Promise.all([1, 2, 3].map((n) => pool.render('{% for i in range(n) %}{{ i }}{% endfor %}', { n })));
      assert.deepEqual(quick, ['0', '01', '012']);
      assert.ok(Date.now() - t0 < 1000, `quick renders waited ${Date.now() - t0} ms behind the spinning one`);
      await assert.rejects(spin, /timed out after 1500 ms/);
      assert.ok(pool.size <= 4);
      assert.equal(await pool.render('{{ "still" }} {{ "fine" }}', {}), 'still fine');
    } finally {
      pool.onModuleDestroy();
    }
  });

  it('stops runaway templates with a time or memory error, and keeps working after', async () => {
    const t0 = Date.now();
    await assert.rejects(
      sandbox.render('{% for i in range(1000000000) %}{% for j in range(1000000000) %}{% endfor %}{% endfor %}', {}, 300),
      /timed out after 300 ms/,
    );
    assert.ok(Date.now() - t0 < 3000);
    await assert.rejects(
      render('{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l|length }}'),
      /MemoryError|memory limit/,
    );
    await assert.rejects(render('{% for i in range(10000000) %}xxxxxxxxxx{% endfor %}'), /longer than 400000 characters/);
    assert.equal(await render('{{ a }} still fine', { a: 'I am' }), 'I am still fine');
  });
});
