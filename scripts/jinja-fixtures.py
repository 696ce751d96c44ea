#!/usr/bin/env python3
"""Renders the Jinja2 conformance cases with real Jinja2 and writes their expected outputs.

Dify renders template-transform nodes (and jinja2 prompts) in dify-sandbox with
`jinja2.Template(code).render(**inputs)`: a default Environment (no autoescape, no trim_blocks or
lstrip_blocks, one trailing newline dropped, plain Undefined), the inputs decoded from JSON. The
cases are rendered the same way, so the fixtures say what a Dify user gets. Variables are JSON
values; integral floats (2.0) are left out of them because JSON.parse cannot tell them from ints.

    apt-get install -y python3-jinja2      # Debian's package; PyPI is not needed
    /usr/bin/python3 scripts/jinja-fixtures.py   # rewrites libs/jinja/src/conformance/jinja2-fixtures.json
"""
import copy
import json
import os
import sys

import jinja2
import markupsafe

OUT = os.path.join(os.path.dirname(__file__), '..', 'libs', 'jinja', 'src', 'conformance', 'jinja2-fixtures.json')

USERS = [
    {'name': 'ada', 'age': 36, 'active': True, 'city': 'London', 'tags': ['math', 'poetry']},
    {'name': 'Bob', 'age': 17, 'active': False, 'city': 'Paris', 'tags': []},
    {'name': 'carol', 'age': 52, 'active': True, 'city': 'London', 'tags': ['chess']},
]
CHUNKS = [{'title': 'Intro', 'content': 'Hello  ', 'score': 0.91234}, {'title': 'Body', 'content': 'World', 'score': 0.5}]
TREE = [{'name': 'a', 'children': [{'name': 'a1', 'children': []}, {'name': 'a2', 'children': [{'name': 'a2x', 'children': []}]}]}, {'name': 'b', 'children': []}]
V = {
    'n': 7, 'neg': -7, 'f': 2.5, 'x': 49.96, 'zero': 0, 'big': 12345678901234, 'pi': 3.14159265, 'tiny': 0.000012, 'half': 0.5,
    's': 'Hello World', 'e': '', 'sp': '  padded  ', 'cjk': '你好，世界', 'html': '<b>"Tom" & \'Jerry\'</b>', 'multi': 'line one\nline two\n\nline four',
    'words': 'the quick brown fox jumps over the lazy dog', 'csv': 'a, b ,c', 'num_s': '42', 'float_s': '3.75', 'bad_s': 'abc',
    'items': [3, 1, 2, 3], 'strs': ['b', 'A', 'c', 'a'], 'empty': [], 'nested': [[1, 2], [3, [4, 5]]], 'mixed': [1, 'a', None, True, 2.5],
    'd': {'b': 2, 'a': 1, 'c': 3}, 'ed': {}, 'user': {'name': 'Li', 'tags': ['a', 'b', 'c'], 'profile': {'email': 'li@example.com', 'age': None}},
    'users': USERS, 'chunks': CHUNKS, 'tree': TREE, 't': True, 'fl': False, 'nil': None,
}

CASES = []


def case(group, template, variables=None):
    CASES.append((group, template, V if variables is None else variables))


# --- output and Python value formatting ---
for t in [
    '{{ none }}|{{ None }}|{{ none is none }}', '{{ true }} {{ True }} {{ false }} {{ False }}', '{{ t }} {{ fl }}',
    '{{ 42 }} {{ -3 }} {{ 0 }} {{ 1_000_000 }}', '{{ 2.5 }} {{ 1.0 }} {{ -0.5 }} {{ 1e3 }} {{ 1.5e-3 }} {{ 10.0 / 4 }}',
    '{{ 0.1 + 0.2 }}', '{{ 1 / 3 }}', '{{ 2 / 3 }}', '{{ 10 / 2 }}', '{{ 7 / 7 }}', '{{ 1e16 }} {{ 1e15 }} {{ 123456789.0 * 10 }}',
    '{{ 1e-5 }} {{ 0.0001 }} {{ 0.00001234 }}', '{{ -0.0 }}', '{{ 2 ** 64 }}', '{{ 2 ** 0.5 }}', '{{ 2 ** -1 }}', '{{ 10 ** 20 }}',
    '{{ f }} {{ x }} {{ pi }} {{ tiny }} {{ big }} {{ half }}', '{{ x * 100 }}', '{{ f * 2 }}', '{{ n / 2 }}', '{{ n // 2 }} {{ neg // 2 }} {{ n % 3 }} {{ neg % 3 }}',
    "{{ 'a' }}{{ \"b\" }}{{ 'it''s' if false else \"it's\" }}", '{{ [1, 2, 3] }}', "{{ ['a', \"b'c\", 'd\"e'] }}", '{{ (1, 2) }} {{ (1,) }} {{ () }}',
    "{{ {'a': 1, 'b': [1, 2]} }}", '{{ {} }} {{ [] }}', '{{ mixed }}', '{{ nested }}', '{{ d }}', '{{ user }}', '{{ [none, true, 1.5] }}',
    "{{ ['line\\nbreak', 'tab\\there', 'back\\\\slash'] }}", "{{ ['é', '你好'] }}", '{{ users[0] }}', '{{ chunks }}',
    '{{ 3 > 2 }} {{ 2 == 2.0 }} {{ "a" < "b" }} {{ [1, 2] < [1, 3] }}', '{{ 1 == true }} {{ 0 == false }}', '{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }}',
    '{{ 5 // 2.0 }} {{ 5 % 2.5 }} {{ -5 // 2 }} {{ -5 % 2 }} {{ 5.5 // 1 }}', '{{ 3 * 1.0 }} {{ 3 + 0.0 }} {{ 3 - 1.0 }}',
    '{{ true + 1 }} {{ true * 3 }}', '{{ 9007199254740993 }}', '{{ 0.1 * 3 }}', '{{ 100 * 1.1 }}', '{{ 1.1 + 2.2 }}', '{{ 3.0 * 1.5 }}',
    '{{ 1e100 }}', '{{ 123.456e2 }}', '{{ 5e-324 > 0 }}',
]:
    case('values', t)

# --- expressions ---
for t in [
    '{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }}', "{{ 'a' ~ 1 ~ none ~ true }}", "{{ 'ab' * 3 }} {{ 3 * 'x' }} {{ [0] * 3 }}",
    '{{ [1, 2] + [3] }}', "{{ 'foo' + 'bar' }}", '{{ n if n > 5 else 0 }} {{ "yes" if t and not fl else "no" }}', '{{ "a" if fl }}|',
    '{{ 0 or "default" }} {{ "x" and "y" }} {{ none or [] or "last" }} {{ 0 and 1 }}', '{{ not none }} {{ not [] }} {{ not "a" }}',
    "{{ 'b' in 'abc' }} {{ 'z' not in 'abc' }} {{ 2 in items }} {{ 'a' in d }} {{ 'zz' in d }} {{ 1 in [1.0] }}", '{{ user.name }} {{ user["name"] }} {{ user.tags[1] }} {{ user.tags.0 }} {{ user.tags[-1] }}',
    '{{ user.profile.email }} {{ user.profile.age }}', '{{ s[0] }} {{ s[-1] }} {{ s[1:4] }} {{ s[::-1] }} {{ s[::2] }} {{ s[-5:] }}', '{{ items[1:] }} {{ items[:-1] }} {{ items[::-1] }} {{ items[5:] }}',
    '{{ d.b }} {{ d["c"] }}', '{{ users[1].name }}', "{{ {'k': 'v'}.k }}", '{{ [1, 2, 3][1] }}', "{{ 'abc'[1] }}", '{{ (1, 2, 3)[2] }}',
    '{{ range(5) | list }}', '{{ range(2, 10, 3) | list }} {{ range(5, 0, -2) | list }} {{ range(0) | list }}', '{{ range(3) }}',
    '{{ dict(a=1, b="x") }}', '{{ lipsum is defined }} {{ cycler is defined }} {{ joiner is defined }}',
    '{{ "%s and %s" % ("a", "b") }} {{ "%d%%" % 50 }} {{ "%.2f" % 3.14159 }} {{ "%5s|" % "ab" }} {{ "%-5s|" % "ab" }} {{ "%05d" % 42 }}',
    '{{ "%s" % none }} {{ "%r" % "x" }} {{ "%x" % 255 }} {{ "%(a)s-%(b)s" % {"a": 1, "b": 2} }}',
    '{{ 10 > 3 and 2 < 1 or 5 }}', '{{ (n > 3) + 1 }}', '{{ n > 3 == true }}', '{{ 1 is number }}',
    '{{ "a" "b" }}', "{{ 'x' ~ 'y' | upper }}", '{{ -n|abs }}', '{{ (-n)|abs }}', '{{ not t == fl }}',
]:
    case('expressions', t)

# --- string literal escapes ---
for t in [
    "{{ 'a\\nb' }}", "{{ 'tab\\tx' }}", "{{ 'q\\'s' }}", '{{ "d\\"q" }}', "{{ 'back\\\\slash' }}", "{{ '\\u00e9\\x41' }}", "{{ 'no\\escape' }}",
    '{{ "<b>" }}', "{{ '{{ not a tag }}' }}",
]:
    case('escapes', t)

# --- filters ---
for t in [
    '{{ s|upper }} {{ s|lower }} {{ words|title }} {{ "hELLO wORLD"|capitalize }} {{ "o\'neil mc-don"|title }}', '{{ sp|trim }}|{{ "xxhixx"|trim("x") }}|{{ sp|length }}',
    '{{ s|length }} {{ items|length }} {{ d|length }} {{ cjk|length }} {{ items|count }}', '{{ missing|default("n/a") }} {{ e|default("empty") }} {{ e|default("empty", true) }} {{ none|default("x") }} {{ none|d("y", true) }}',
    "{{ items|join }} {{ items|join(', ') }} {{ users|join(', ', attribute='name') }}", "{{ s|replace('l', 'L') }} {{ s|replace('l', 'L', 2) }} {{ s|replace('', '-') }}",
    '{{ 2.5|round }} {{ 3.5|round }} {{ 2.675|round(2) }} {{ x|round(1) }} {{ 42|round }} {{ 2.4|round(0, "ceil") }} {{ 2.6|round(0, "floor") }} {{ -2.5|round }}',
    '{{ 0.5|round }} {{ 1.5|round }} {{ 1.25|round(1) }} {{ 1.35|round(1) }} {{ 1234.5678|round(-2) }} {{ 15|round(-1) }}', '{{ pi|round(3) }} {{ pi|round(2, "floor") }} {{ 7|round(1) }}',
    '{{ num_s|int }} {{ float_s|int }} {{ bad_s|int }} {{ bad_s|int(-1) }} {{ f|int }} {{ "0x1A"|int(0, 16) }} {{ "ff"|int(base=16) }} {{ "  12  "|int }} {{ "1e3"|int }} {{ none|int }}',
    '{{ num_s|float }} {{ float_s|float }} {{ bad_s|float }} {{ n|float }} {{ "1e3"|float }} {{ "nan"|float }} {{ "-inf"|float }}',
    '{{ n|string }} {{ f|string ~ "!" }} {{ none|string }} {{ items|string }}', '{{ items|first }} {{ items|last }} {{ s|first }} {{ empty|first }}|{{ d|first }}',
    '{{ items|sort }} {{ items|sort(reverse=true) }} {{ strs|sort }} {{ strs|sort(case_sensitive=true) }}', "{{ users|sort(attribute='age')|map(attribute='name')|list }}",
    "{{ users|sort(attribute='city,age')|map(attribute='name')|join(',') }}", '{{ items|unique|list }} {{ strs|unique|list }} {{ strs|unique(case_sensitive=true)|list }}',
    '{{ d|tojson }} {{ user|tojson }} {{ "<a href=\'x\'>&"|tojson }} {{ mixed|tojson }} {{ cjk|tojson }}', '{{ d|tojson(indent=2) }}', '{{ [1, [2, 3]]|tojson(2) }}',
    '{{ html|e }} {{ html|escape }} {{ html|safe }} {{ html|forceescape }}', '{{ (html|e)|e }} {{ html|e|length }}', '{{ "<b>"|e ~ "<i>" }}', '{{ "<b>"|e + "<i>" }}',
    '{{ neg|abs }} {{ -2.5|abs }} {{ f|abs }}', '{{ s|list }} {{ d|list }} {{ range(3)|list }}', '{{ items|reverse|list }} {{ s|reverse }} {{ d|reverse|list }}',
    '{{ items|sum }} {{ [1.5, 2]|sum }} {{ users|sum(attribute="age") }} {{ items|sum(start=10) }} {{ empty|sum }}', '{{ items|min }} {{ items|max }} {{ strs|min }} {{ strs|max(case_sensitive=true) }} {{ users|max(attribute="age") }}',
    '{{ words|truncate(9) }}|{{ words|truncate(20) }}|{{ words|truncate(20, true) }}|{{ words|truncate(20, true, "…", 0) }}|{{ words|truncate(50) }}',
    '{{ words|wordcount }} {{ cjk|wordcount }} {{ "a-b c_d"|wordcount }}', '[{{ "ab"|center(7) }}] [{{ "ab"|center(1) }}] [{{ "abc"|center(6) }}]',
    '{{ multi|indent }}', '{{ multi|indent(2, true) }}', '{{ multi|indent(first=true, blank=true) }}', '{{ multi|indent("> ") }}',
    '{{ "%s has %d items"|format("cart", 3) }} {{ "%.1f%%"|format(12.345) }} {{ "%s"|format([1]) }}', '{{ "<p>Hello <b>World</b></p>  x"|striptags }} {{ "a<br/>b"|striptags }}',
    '{{ "a b&c=d/é"|urlencode }} {{ {"q": "a b", "n": 1}|urlencode }} {{ [("a", 1), ("b", "x y")]|urlencode }}', '{{ d|items|list }} {{ d|dictsort }} {{ d|dictsort(reverse=true) }} {{ d|dictsort(by="value") }}',
    '{{ range(7)|batch(3)|list }} {{ range(7)|batch(3, "x")|list }} {{ range(7)|slice(3)|list }} {{ range(7)|slice(3, 0)|list }}',
    '{{ users|map(attribute="name")|join("/") }} {{ strs|map("upper")|list }} {{ users|map(attribute="missing", default="?")|list }} {{ ["1", "2"]|map("int")|sum }}',
    '{{ items|select("odd")|list }} {{ items|reject("odd")|list }} {{ items|select(">", 1)|list }} {{ items|select("equalto", 3)|list }} {{ mixed|select|list }} {{ mixed|reject("none")|list }}',
    '{{ users|selectattr("active")|map(attribute="name")|list }} {{ users|rejectattr("active")|map(attribute="name")|list }} {{ users|selectattr("age", ">", 30)|map(attribute="name")|list }} {{ users|selectattr("city", "equalto", "Paris")|list|length }}',
    '{% for city, people in users|groupby("city") %}{{ city }}: {{ people|map(attribute="name")|join(",") }}; {% endfor %}', '{% for g in users|groupby("active") %}{{ g.grouper }}={{ g.list|length }} {% endfor %}',
    '{{ 1234567|filesizeformat }} {{ 1000|filesizeformat }} {{ 1024|filesizeformat(true) }} {{ 12|filesizeformat }}', '{{ words|wordwrap(15) }}', '{{ "abc def"|wordwrap(3) }}',
    '{{ {"class": "x", "id": none}|xmlattr }}', '{{ "see https://example.com now"|urlize }}', '{{ user|attr("name") }} {{ user|attr("nope") }}|',
    '{{ d|pprint }} {{ "x"|pprint }}', '{{ 3|string|length }}', '{{ cjk|upper }} {{ cjk|reverse }} {{ cjk[1:3] }}', '{{ "ß"|upper }} {{ "İ"|lower|length }}',
    '{{ "  a  b  "|trim }}|{{ "\tx\n"|trim }}|', '{{ s|replace("o", "0")|upper|truncate(8, true, "") }}', '{{ items|map("string")|join("-") }}',
    '{{ [3, 1, 2]|sort|first }} {{ (users|sort(attribute="name"))[0].name }}', '{{ [[2, "b"], [1, "a"]]|sort|first }}', '{{ users|map(attribute="tags")|map("length")|list }}',
    '{{ "{}, {}"|format("a", "b") }}', '{{ none|e }}|{{ 3|e }}', '{{ empty|join(",") }}|{{ empty|length }}|{{ empty|sort }}',
]:
    case('filters', t)

# --- tests ---
for t in [
    '{{ n is odd }} {{ n is even }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(4) }} {{ zero is even }}', '{{ missing is defined }} {{ n is defined }} {{ missing is undefined }} {{ none is none }} {{ 0 is none }}',
    '{{ n is number }} {{ f is number }} {{ "1" is number }} {{ t is number }} {{ n is integer }} {{ f is integer }} {{ f is float }} {{ n is float }} {{ t is integer }}',
    '{{ s is string }} {{ n is string }} {{ d is mapping }} {{ items is mapping }} {{ items is sequence }} {{ s is sequence }} {{ d is sequence }} {{ n is sequence }}',
    '{{ items is iterable }} {{ s is iterable }} {{ n is iterable }} {{ range(2) is iterable }}', '{{ t is boolean }} {{ 1 is boolean }} {{ t is true }} {{ 1 is true }} {{ fl is false }} {{ 0 is false }}',
    '{{ "abc" is lower }} {{ "aBc" is lower }} {{ "ABC" is upper }} {{ "A1" is upper }}', '{{ 2 is eq 2 }} {{ 2 is ne 3 }} {{ 2 is lt 3 }} {{ 2 is gt 3 }} {{ 2 is le 2 }} {{ 2 is ge 3 }} {{ 2 is sameas 2 }}',
    '{{ 2 is in [1, 2] }} {{ "a" is in "abc" }} {{ 2 is equalto 2 }} {{ 1 is lessthan 2 }} {{ 1 is greaterthan 2 }}', '{{ 2 is == 2 }}', '{{ s is not string }} {{ n is not odd }}',
    '{{ "upper" is filter }} {{ "nope" is filter }} {{ "odd" is test }} {{ "nope" is test }}', '{{ range is callable }} {{ n is callable }}', '{{ html|e is escaped }} {{ html is escaped }}',
    '{{ none is sameas none }} {{ t is sameas true }} {{ 1 is sameas true }}', '{{ (n is odd) and (n > 5) }}',
]:
    case('tests', t)

# --- loops ---
for t in [
    '{% for c in chunks %}{{ loop.index }}. {{ c.title|upper }} ({{ c.score|round(2) }}){% if not loop.last %}, {% endif %}{% endfor %}',
    '{% for i in items %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }} {% endfor %}',
    '{% for i in items %}{{ loop.previtem }}-{{ loop.nextitem }}|{% endfor %}', '{% for x in empty %}never{% else %}empty{% endfor %}', '{% for x in missing %}x{% else %}none{% endfor %}',
    '{% for i in range(10) if i is odd %}{{ i }}{{ loop.index }}/{{ loop.length }} {% endfor %}', '{% for i in range(3) %}{% for j in range(2) %}{{ loop.depth }}{{ loop.index }}{% endfor %}{{ loop.depth }}|{% endfor %}',
    '{% for k, v in d.items() %}{{ k }}={{ v }}{% if not loop.last %}&{% endif %}{% endfor %}', '{% for k in d %}{{ k }}{% endfor %}', '{% for k, v in d|dictsort %}{{ k }}{{ v }}{% endfor %}',
    '{% for a, b in [(1, 2), (3, 4)] %}{{ a + b }} {% endfor %}', '{% for c in "abc" %}{{ c }}.{% endfor %}', '{% for i in range(4) %}{{ loop.cycle("odd", "even") }} {% endfor %}',
    '{% for u in users %}{% if loop.changed(u.city) %}[{{ u.city }}]{% endif %}{{ u.name }} {% endfor %}',
    '{% for node in tree recursive %}{{ node.name }}{% if node.children %}({{ loop(node.children) }}){% endif %}{% endfor %}',
    '{% for node in tree recursive %}{{ loop.depth }}:{{ node.name }} {{ loop(node.children) }}{% endfor %}', '{% set total = 0 %}{% for i in items %}{% set total = total + i %}{% endfor %}{{ total }}',
    '{% set ns = namespace(total=0, seen=[]) %}{% for i in items %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}', '{% for i in items %}{% endfor %}{{ i }}|{{ loop }}|',
    '{% for i in [1, 2] %}{% for j in [3, 4] %}{{ i }}{{ j }} {% endfor %}{% endfor %}', '{% for i in range(3) %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% endfor %}',
    '{% for i in range(3) %}{% break %}{% endfor %}', '{% for u in users|selectattr("active") %}{{ u.name }}{{ loop.length }} {% endfor %}', '{% for x in none %}{% endfor %}',
    '{% for i in items %}{{ loop.index }}{% else %}no{% endfor %}', '{% for i in 5 %}{% endfor %}', '{% for a, b in items %}{% endfor %}',
    '{% for w in words.split() %}{{ w[0]|upper }}{% endfor %}', '{% for i in range(3) %}{{ loop.revindex }}{% endfor %}', '{% for k, v in user.profile.items() %}{{ k }}:{{ v }};{% endfor %}',
]:
    case('loops', t)

# --- macros and call blocks ---
for t in [
    '{% macro field(name, value="", type="text") -%}<input type="{{ type }}" name="{{ name }}" value="{{ value|e }}">{%- endmacro %}{{ field("user") }}|{{ field("pw", type="password") }}|{{ field("q", "<x>") }}',
    '{% set x = 1 %}{% macro m(y) %}{% set x = 2 %}{{ greeting }} {{ x }}{{ y }}{% endmacro %}{{ m(3) }} {{ x }}', "{% macro box(title) %}[{{ title }}: {{ caller() }}]{% endmacro %}{% call box('Note') %}body of {{ s }}{% endcall %}",
    '{% macro each(xs) %}{% for x in xs %}{{ caller(x, loop.index) }}{% endfor %}{% endmacro %}{% call(item, n) each(["a", "b"]) %}<{{ n }}:{{ item }}>{% endcall %}',
    '{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}', '{% macro m(a) %}{% endmacro %}{{ m(b=2) }}', '{% macro m(a, b=a * 2) %}{{ a }},{{ b }}{% endmacro %}{{ m(3) }} {{ m(3, 1) }}',
    '{% macro m() %}{{ varargs }}|{{ kwargs }}{% endmacro %}{{ m(1, 2, k=3) }}', '{% macro m(a) %}{{ a }}{{ varargs|join }}{% endmacro %}{{ m(1, 2, 3) }}',
    '{% macro fact(k) %}{% if k <= 1 %}1{% else %}{{ k * fact(k - 1)|int }}{% endif %}{% endmacro %}{{ fact(5) }}', '{% macro m() %}x{% endmacro %}{{ m }}', '{% macro m(a) %}[{{ a }}]{% endmacro %}{{ m() }}',
    '{% macro hello(name) %}Hello {{ name }}!{% endmacro %}{{ hello("A") ~ hello("B") }}|{{ hello("C")|upper }}|{{ hello("D")|length }}', '{% macro m() %}{{ caller is defined }}{% endmacro %}{{ m() }}',
    '{% macro m(a, b) %}{{ a }}-{{ b }}{% endmacro %}{{ m(b=1, a=2) }}', '{% macro m() %}{{ n }}{% endmacro %}{% set n = 99 %}{{ m() }}', '{% macro m(n) %}{{ n }}{% endmacro %}{{ m(1) }}{{ n }}',
    '{% call box() %}x{% endcall %}', '{% macro m() %}{{ caller("x") }}{% endmacro %}{% call(v) m() %}<{{ v }}>{% endcall %}', '{% macro m() %}a{% endmacro %}{{ m.name }}',
]:
    case('macros', t, dict(V, greeting='Hi'))

# --- assignments, blocks, scoping ---
for t in [
    "{% set greeting = 'Hi ' ~ s|title %}{{ greeting }}", '{% set a, b = 1, 2 %}{{ a }}{{ b }}', '{% set a, b = [3, 4] %}{{ b }}{{ a }}', '{% set a, b = [1] %}',
    '{% set block %}inner {{ n }}{% endset %}[{{ block }}]', '{% set x | upper %}shout{% endset %}{{ x }}', '{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}{{ a }}|',
    '{% filter upper %}up {{ s }}{% endfilter %}', '{% filter replace("a", "4") %}banana{% endfilter %}', '{% filter truncate(10, true) %}{{ words }}{% endfilter %}',
    '{% raw %}{{ not rendered }} {% if %}{% endraw %}', '{# a comment #}x{# another {{ x }} #}y', '{% if n > 5 %}big{% elif n > 2 %}mid{% else %}small{% endif %}',
    '{% if missing %}a{% elif none %}b{% else %}c{% endif %}', '{% if [] %}t{% else %}f{% endif %}{% if {} %}t{% else %}f{% endif %}{% if "0" %}t{% endif %}{% if 0.0 %}t{% else %}f{% endif %}',
    '{% set ns = namespace() %}{% set ns.a = 1 %}{{ ns.a }}', '{% set ns = namespace(d) %}{{ ns.b }}', '{% set x = 1 %}{% if true %}{% set x = 2 %}{% endif %}{{ x }}',
    '{% set x = [] %}{{ x.append(1) }}{{ x }}', '{% set l = [1, 2, 3] %}{{ l.pop() }}{{ l }}', '{% block body %}in a block {{ n }}{% endblock %}', '{{ self.missing }}|',
    '{% set x = 5 %}{% set y = x * 2 %}{{ y }}', '{% set d2 = {"a": 1} %}{% set _ = d2.update({"b": 2}) %}{{ d2 }}', '{% set x.y = 1 %}',
]:
    case('statements', t)

# --- whitespace control (default Environment: no trim_blocks, no lstrip_blocks) ---
for t in [
    'a  \n  {%- if true -%}  \n  b  {%- endif %}  c {#- gone -#}  d\n', '{% for i in items %}\n  {{ i }}\n{% endfor %}\n', '<ul>\n{% for i in items %}\n  <li>{{ i }}</li>\n{% endfor %}\n</ul>',
    '<ul>\n{%- for i in items %}\n  <li>{{ i }}</li>\n{%- endfor %}\n</ul>', 'x\n\n', 'x\n', 'x\r\ny\r\n', '{% if true %}\nyes\n{% endif %}\n', '  {% if true %}x{% endif %}  \n',
    'a  {%+ if true +%}  b{% endif %}|x {%- if 1 +%} y{%+ endif -%} z', '{{- " x " -}}', '  {{- n -}}  ', '{%- set a = 1 -%}\n\n{{ a }}', 'line1\n{# c #}\nline2',
    '{% raw -%}  keep {{ x }}  {%- endraw %}', '\n\n{{ n }}\n\n', '{% for i in [1,2] -%}\n{{ i }}\n{%- endfor %}', '{% macro m() -%}\n  body\n{%- endmacro %}[{{ m() }}]',
    'text {{- "" }} more', '{% set x %}\n  a\n{% endset %}[{{ x }}]',
]:
    case('whitespace', t)

# --- methods of strings, lists and dicts ---
for t in [
    "{{ s.upper() }} {{ s.lower() }} {{ words.title() }} {{ s.capitalize() }} {{ s.swapcase() }}", "{{ sp.strip() }}|{{ sp.lstrip() }}|{{ sp.rstrip() }}|{{ 'xxaxx'.strip('x') }}",
    "{{ csv.split(',') }} {{ words.split() }} {{ csv.split(',', 1) }} {{ 'a  b'.split(' ') }} {{ s.rsplit(' ', 1) }}", "{{ s.replace('l', 'L', 1) }} {{ s.startswith('He') }} {{ s.endswith(('x', 'ld')) }}",
    "{{ '-'.join(['a', 'b']) }} {{ s.find('o') }} {{ s.find('z') }} {{ s.rfind('o') }} {{ s.count('l') }} {{ s.index('W') }}", "{{ num_s.isdigit() }} {{ s.isalpha() }} {{ 'abc'.isalpha() }} {{ ' '.isspace() }} {{ 'Ab'.istitle() }} {{ 'ab'.islower() }}",
    "{{ '{} and {}'.format('x', 'y') }} {{ '{0}{1}{0}'.format('a', 'b') }} {{ '{name}!'.format(name='N') }} {{ '{:.2f}'.format(pi) }} {{ '{:>5}|'.format('ab') }} {{ '{:,}'.format(big) }}",
    "{{ multi.splitlines() }} {{ 'a=b=c'.partition('=') }} {{ '5'.zfill(3) }} {{ 'ab'.ljust(4, '.') }} {{ 'ab'.rjust(4) }} {{ 'ab'.center(6, '*') }}",
    "{{ s.encode is defined }} {{ 'x' * 0 }}|{{ 'Hello'.removeprefix('He') }} {{ 'a.txt'.removesuffix('.txt') }}",
    '{{ d.keys()|list }} {{ d.values()|list }} {{ d.items()|list }} {{ d.get("a") }} {{ d.get("z") }} {{ d.get("z", 0) }}', '{{ d.keys() }}', '{{ d.items() }}',
    '{% set l = [3, 1, 2] %}{{ l.index(1) }} {{ l.count(3) }} {{ l.copy() }} {{ l|length }}', '{% set l = [1] %}{% set _ = l.extend([2, 3]) %}{{ l }} {{ l.insert(0, 0) }}{{ l }}',
    '{{ items.sort() }}{{ items }}', '{{ "a,b".split(",")[1] }}', '{{ s.split()|map("lower")|join("_") }}', '{{ "%s"|format(s.split()) }}', '{{ user.tags.index("b") }} {{ user.tags.index("z") }}',
]:
    case('methods', t)

# --- undefined ---
for t in [
    '[{{ missing }}]', '{{ missing.attr }}', '{{ missing["k"] }}', '{{ missing|default("x") }} {{ missing|upper }}|{{ missing|length }}|{{ missing|list }}', '{{ missing ~ "a" }}',
    '{{ missing + 1 }}', '{{ missing() }}', '{{ d.missing }}|{{ d["missing"] }}|{{ items[10] }}|{{ user.profile.nope }}|', '{{ d.missing.deeper }}', '{% if missing %}a{% else %}b{% endif %}',
    '{{ missing is defined }} {{ d.nope is defined }} {{ items[9] is defined }}', '{{ missing == none }} {{ not missing }} {{ missing|string }}|', '{{ missing|int }} {{ missing|float }} {{ missing|join }}|',
    '{{ missing|first }}', '{{ missing|sort }}', '{{ missing|tojson }}', '{{ missing|round }}', '{{ missing > 1 }}', '{% for x in d.nope %}{% endfor %}done', '{{ "x" in missing }}',
    '{{ [missing] }}', '{{ missing|e }}|{{ missing|trim }}|', '{{ n.nope }}|{{ s.nope }}|{{ none.nope }}|', '{{ missing is none }} {{ missing|default(none) is none }}',
]:
    case('undefined', t)

# --- errors (must fail in ours as well) ---
for t in [
    '{% if n %}open', '{% for x in items %}', '{{ x | nosuchfilter }}', '{{ 1 is nosuchtest }}', '{{ 1 / 0 }}', '{{ 1 // 0 }}', '{{ 1 % 0 }}', '{{ 1.0 / 0 }}',
    '{{ 1 + "a" }}', '{{ "a" - 1 }}', '{{ [] + {} }}', '{{ "a" * "b" }}', '{{ -"a" }}', '{{ 1 < "a" }}', '{{ none + 1 }}', '{% endif %}', '{% nosuchtag %}',
    '{{ }}', '{{ 1 + }}', '{{ (1 }}', '{{ "unterminated }}', '{% for %}{% endfor %}', '{% for x in %}{% endfor %}', '{% set %}', '{% macro %}{% endmacro %}',
    '{{ items|batch }}', '{{ range(1, 2, 0)|list }}', '{{ range("a") }}', '{{ n|join }}', '{{ n|length }}', '{{ d.nope() }}', '{{ s.nope() }}', '{{ n() }}',
    '{{ [1, 2]|sum(attribute="x") }}', '{{ items|map("nosuch")|list }}', '{{ items|select("nosuch")|list }}', '{{ "%d" % "x" }}', '{{ "%s %s" % ("a",) }}', '{{ "{}".format() }}',
    '{% include "other.html" %}', '{% extends "base.html" %}', '{% import "m.html" as m %}', '{{ "abc"|int(base=99) }}', '{{ items|sort(attribute="x")|first }}',
    '{{ [1, "a"]|sort }}', '{{ {"a": 1} < {"b": 2} }}', '{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}', '{{ d.keys()[0] }}', '{{ "x"|tojson(indent="a") }}',
    '{% if %}{% endif %}', '{% elif %}', '{% for i in items %}{% else %}{% else %}{% endfor %}', '{{ items[::0] }}',
]:
    case('errors', t)

# --- templates as Dify users write them ---
for t in [
    '{# retrieved chunks -#}\n{% for c in chunks -%}\n{{ loop.index }}. {{ c.title | upper }} ({{ c.score | round(2) }}){% if loop.first %} *{% endif %}{% if not loop.last %}\n{% endif %}\n{%- endfor %}\nTotal: {{ chunks | length }}; names: {{ chunks | map(attribute="title") | join(", ") }}',
    'Context:\n{% for c in chunks %}\n- {{ c.content | trim }}\n{% endfor %}\nQuestion: {{ s }}', '{{ user | tojson }}', 'Dear {{ user.name | default("customer") }},\n\n{{ multi }}\n\nRegards',
    '{% set parts = csv.split(",") %}{% for p in parts %}<{{ p | trim }}>{% endfor %}', '{{ users | selectattr("active") | map(attribute="name") | map("title") | join(" & ") }}',
    'Score: {{ "%.1f" | format(x) }} / {{ (x / 10) | round(1) }} / {{ x | int }}', '{% if users | length > 2 %}many{% endif %} {{ users | map(attribute="age") | max }}',
    '```json\n{{ d | tojson(indent=2) }}\n```', '{% for u in users | sort(attribute="name") %}{{ loop.index }}) {{ u.name | capitalize }} — {{ u.tags | join(", ") or "no tags" }}\n{% endfor %}',
    '{{ words.split() | length }} words, {{ words | length }} chars', '{% for key, value in d | dictsort %}{{ key }}: {{ value }}\n{% endfor %}',
]:
    case('dify', t)


# --- a second round, written after the interpreter: numbers, formatting and text handling in depth ---
for t in [
    '{{ 1.0 * 3 }} {{ 2.5e-7 }} {{ 123456789012345678.0 }} {{ 0.1 ** 3 }} {{ 1e22 }} {{ 12345.6789e-3 }} {{ -1e-10 }} {{ 3.0e0 }}', '{{ 7 / 2 }} {{ -7 / 2 }} {{ -7 // 2 }} {{ 7 // -2 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ 7.5 % 2 }} {{ -7.5 % 2 }}',
    '{{ 2 ** 10 }} {{ 2 ** 62 }} {{ 3 ** 40 }} {{ (2 ** 64) // 3 }} {{ -(2 ** 70) }} {{ 2 ** 64 - 2 ** 64 }} {{ (2 ** 53 + 1) * 1 }}', '{{ 10 ** 20 + 1 }} {{ 10 ** 20 > 10 ** 19 }} {{ 2 ** 64 == 2 ** 64 }}',
    '{{ 0.1|round(1) }} {{ 0.15|round(1) }} {{ 0.25|round(1) }} {{ 0.35|round(1) }} {{ 2.5|round(0) }} {{ 5.5|round }} {{ 6.5|round }} {{ -0.5|round }} {{ 1e20|round(2) }}',
    '{{ 123.456|round(-1) }} {{ 125|round(-1) }} {{ 135|round(-1) }} {{ -125|round(-1) }} {{ 0.125|round(2) }} {{ 0.375|round(2) }} {{ 2.675|round(2, "floor") }} {{ -2.5|round(0, "ceil") }}',
    '{{ "%.2f" % 2.675 }} {{ "%.2f" % 0.125 }} {{ "%.0f" % 0.5 }} {{ "%.0f" % 1.5 }} {{ "%.3f" % -0.0005 }} {{ "%e" % 0 }} {{ "%g" % 100000 }} {{ "%g" % 1000000 }} {{ "%g" % 0.0001 }} {{ "%.3g" % 1234.5 }} {{ "%#g" % 1.0 }}',
    '{{ "%5.1f|%-8.3e|%+g" % (3.14159, 1234.5, 2.0) }}', '{{ "%(n)05.1f %(s)s" % {"n": 3.14159, "s": "x"} }}', '{{ "%s=%r" % ("k", ["v"]) }}', '{{ "%d items" % 3.99 }} {{ "%i" % -2.5 }} {{ "%d" % true }}',
    '{{ "{:,.2f}".format(1234567.891) }} {{ "{:>10.3f}|".format(2.5) }} {{ "{:<6}|".format(12) }} {{ "{:^7.2%}".format(0.5) }} {{ "{:+d} {: d}".format(3, 4) }} {{ "{:#x} {:#o} {:#b}".format(255, 8, 5) }}',
    '{{ "{:e}".format(0.000123) }} {{ "{:.2e}".format(123456) }} {{ "{:g}".format(123456789) }} {{ "{:.10g}".format(1/3) }} {{ "{}".format(1e16) }} {{ "{}".format(0.1 + 0.2) }} {{ "{:f}".format(1e-7) }}',
    '{{ "{0}-{0}-{1}".format("a", "b") }} {{ "{a}{b}".format(a=1, b=[2]) }} {{ "{!s}|{!r}".format("x", "y") }} {{ "{{literal}} {}".format(5) }} {{ "{:{w}}|".format("ab", w=5) }}', '{{ "{0[1]}".format([5, 6]) }} {{ "{0[k]}".format({"k": "v"}) }}',
    '{{ "{:d}".format("x") }}', '{{ "{0}{}".format(1, 2) }}', '{{ "%z" % 1 }}', '{{ "%" % () }}', '{{ "{".format() }}', '{{ "a" % 5 }}',
    '{{ 255|string }} {{ 3.0|string }} {{ (1, 2)|string }} {{ none|string }}', '{{ 1e300 * 1e10 }} {{ -1e300 * 1e10 }}', '{{ (1e300 * 1e10) - (1e300 * 1e10) }}',
]:
    case('numbers', t)

for t in [
    '{{ "Hello"|center(11, ) }}|', '{{ "long text here"|wordwrap(6) }}', '{{ "short"|wordwrap(79) }}', '{{ "a-very-long-hyphenated-word and more"|wordwrap(10) }}', '{{ "abcdefghijklmnop"|wordwrap(5) }}', '{{ "abcdefghij klm"|wordwrap(5, false) }}',
    '{{ "one two three four"|wordwrap(9, wrapstring="<br>") }}', '{{ "para one\n\npara two is longer"|wordwrap(8) }}', '{{ words|truncate(3) }}|{{ words|truncate(10, false, "") }}|{{ "abc"|truncate(2, true, "", 0) }}|{{ "abcdef ghi"|truncate(8, leeway=0) }}',
    '{{ "Contact: me@example.com, or www.example.org." }}|{{ "Contact: me@example.com, or www.example.org."|urlize }}', '{{ "(see http://a.com/x?q=1)"|urlize(nofollow=true, target="_blank") }}', '{{ "https://example.com/very/long/path"|urlize(20) }}',
    '{{ "<em>a &amp; b</em> &lt;tag&gt;"|striptags }}', '{{ "x <!-- hidden --> y"|striptags }}', '{{ "  many   spaces\n\tand tabs "|striptags }}', '{{ {"a": 1, "b": "<x>"}|xmlattr }}|{{ {"a": 1}|xmlattr(false) }}',
    '{{ "ab\ncd"|indent(2) }}|{{ "\nab"|indent(2, true) }}|{{ ""|indent }}|', '{{ "Ünïcode Straße"|upper }} {{ "ÀÉÎ"|lower }} {{ "éclair au café"|title }} {{ "ǆungla"|capitalize }}',
    '{{ "mIxEd"|swapcase is defined }} {{ "abc"|first }} {{ "abc"|last }} {{ "a,b"|list }}', '{{ [3, 1, 2]|sort(reverse=true)|join(",") }} {{ ["b", "A", "a", "B"]|sort|join }} {{ ["b", "A", "a", "B"]|sort(case_sensitive=true)|join }}',
    '{{ users|map(attribute="name")|map("upper")|sort|join(" ") }}', '{{ users|sort(attribute="active,name", reverse=true)|map(attribute="name")|join(",") }}', '{{ users|groupby("city")|map(attribute="grouper")|join(",") }}',
    '{{ users|selectattr("tags")|list|length }} {{ users|rejectattr("tags")|map(attribute="name")|first }}', '{{ users|map(attribute="tags.0", default="-")|list }}', '{{ users|sum(attribute="age") / users|length }}',
    '{{ [1, 2, 3, 4, 5]|batch(2)|map("sum")|list }}', '{{ [1, 2, 3, 4, 5]|slice(2)|list }}', '{{ ["x", "y"]|random in ["x", "y"] }}', '{{ [0, 1, "", "a", none, [], [0]]|select|list }}',
    '{{ [1, 2, 3]|select("divisibleby", 2)|list }} {{ [1, 2, 3]|reject("in", [1, 3])|list }} {{ ["a", "B"]|select("upper")|list }} {{ [none, 1]|select("none")|list }}',
    '{{ {"b": 1, "a": 2}|dictsort|first }} {{ {"B": 1, "a": 2}|dictsort|map("first")|join }} {{ {"B": 1, "a": 2}|dictsort(true)|map("first")|join }}', '{{ {"x": 1}|items|list }} {{ {}|items|list }}',
    '{{ [1, [2, [3]]]|tojson }} {{ "é\u2028<"|tojson }} {{ none|tojson }} {{ 1.0|tojson }} {{ [true, false]|tojson }} {{ {"b": 1, "a": {"d": 1, "c": 2}}|tojson }}', '{{ {"k": "v"}|tojson(indent="--") }}',
    '{{ 3|abs }} {{ -3.0|abs }} {{ (-(2 ** 64))|abs }}', '{{ "a b c"|replace(" ", "") }} {{ "aaa"|replace("a", "b", 2) }} {{ "abc"|replace("", "-", 2) }}', '{{ "%s-%s"|format("a", "b") }} {{ "%(x)s"|format(x=1) }}',
    '{{ 10|filesizeformat }} {{ 1|filesizeformat }} {{ 1500|filesizeformat }} {{ 2048|filesizeformat(true) }} {{ 1e15|filesizeformat }} {{ "3000"|filesizeformat }}', '{{ "ab"|center(5) }}|{{ "ab"|center(6) }}|{{ "abc"|center(8) }}|',
]:
    case('text', t)

for t in [
    '{% for i in range(3) %}{{ loop.index }}{% if loop.last %}!{% endif %}{% endfor %}', '{% for a in [1, 2] %}{% for b in [3] %}{{ loop.index }}{{ a }}{% endfor %}{{ loop.length }}{% endfor %}',
    '{% for x in [1, 2, 3] if x > 1 %}{{ loop.index }}:{{ x }}{% else %}none{% endfor %}', '{% for x in [1, 2, 3] if x > 5 %}{{ x }}{% else %}none{% endfor %}', '{% for k, v in {"a": 1}.items() %}{{ k }}{{ v }}{% endfor %}',
    '{% for (a, b), c in [((1, 2), 3)] %}{{ a }}{{ b }}{{ c }}{% endfor %}', '{% for x in range(3) %}{% set y = x * 2 %}{{ y }}{% endfor %}|{{ y }}', '{% set y = 9 %}{% for x in range(2) %}{{ y }}{% set y = x %}{% endfor %}{{ y }}',
    '{% for node in tree recursive %}[{{ node.name }}:{{ loop.depth0 }}:{{ loop.index }}{{ loop(node.children) }}]{% endfor %}', '{% for x in [[1, [2]], [3]] recursive %}{% if x is iterable %}({{ loop(x) }}){% else %}{{ x }}{% endif %}{% endfor %}',
    '{% for x in "ab" %}{% for y in "cd" %}{{ x }}{{ y }}{{ loop.cycle("-", "+") }}{% endfor %}{% endfor %}', '{% for i in range(3) %}{{ loop.changed(i // 2) }}{% endfor %}', '{% for u in users %}{{ loop.previtem.name if loop.previtem }}>{% endfor %}',
    '{% for x in [] %}{% else %}{{ loop is defined }}{% endfor %}', '{% for x in [1] %}{{ loop.nextitem is defined }}{{ loop.previtem is defined }}{% endfor %}', '{% for i in range(10, 0, -3) %}{{ i }},{% endfor %}',
    '{% for c in cjk %}{{ c }}|{% endfor %}', '{% for x in d.values() %}{{ x }}{% endfor %} {{ d.values()|sum }} {{ d.items()|length }}', '{% for x in d.keys()|sort %}{{ x }}{% endfor %}', '{% for i in range(3) recursive %}{{ i }}{% endfor %}',
    '{% for i in [1, 2] %}{{ loop(i) }}{% endfor %}',
]:
    case('loops2', t)

for t in [
    '{% macro outer() %}<{{ caller() }}>{% endmacro %}{% macro inner() %}[{{ caller() }}]{% endmacro %}{% call outer() %}{% call inner() %}x{% endcall %}{% endcall %}',
    '{% macro list(items) %}<ul>{% for i in items %}<li>{{ caller(i) }}</li>{% endfor %}</ul>{% endmacro %}{% call(u) list(users) %}{{ u.name|title }}{% endcall %}', '{% macro m(a, b=2, c=3) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1, c=9) }}',
    '{% macro m(x) %}{{ x|default("none given") }}{% endmacro %}{{ m() }}|{{ m(none) }}', '{% macro m() %}{{ kwargs|dictsort }}{% endmacro %}{{ m(b=1, a=2) }}', '{% macro m(a) %}{{ varargs }}{% endmacro %}{{ m(1) }}',
    '{% macro m() %}{% set inner = 5 %}{{ inner }}{% endmacro %}{{ m() }}{{ inner }}|', '{% macro greet(name) -%}\n  Hello {{ name }}\n{%- endmacro %}\n{{ greet("x") }}', '{% macro m() %}{{ m.name }}{% endmacro %}{{ m() }}',
    '{% set m2 = 1 %}{% macro m() %}{{ m2 }}{% endmacro %}{% set m2 = 2 %}{{ m() }}', '{{ m() }}{% macro m() %}x{% endmacro %}', '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(*[5]) }} {{ m(**{"a": 6}) }}',
    '{% macro m() %}{{ caller(1, 2) }}{% endmacro %}{% call(a, b=5) m() %}{{ a }}+{{ b }}{% endcall %}', '{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}{{ caller is defined }}{% endcall %}',
    '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}', '{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}',
]:
    case('macros2', t)

for t in [
    '{% if t %}a{% endif %}{% if fl %}b{% elif nil is none %}c{% endif %}', '{% if "x" in "xyz" and not fl or nil %}yes{% endif %}', '{% if n is odd and n > 3 %}{{ n }}{% endif %}', '{% if items %}{{ items|length }}{% endif %}',
    '{% set x = {"a": [1, {"b": 2}]} %}{{ x.a[1].b }} {{ x["a"][0] }} {{ x.a.1.b }}', '{% set a = b = 1 %}', '{% set x = (1, 2) %}{{ x[0] }}{{ x|length }}{{ x }}', '{% set x %}{% endset %}[{{ x }}]', '{% set x = "a" %}{% set x = x ~ "b" %}{{ x }}',
    '{% with %}{% set z = 1 %}{{ z }}{% endwith %}{{ z }}|', '{% with a = n %}{% with b = a * 2 %}{{ a }}{{ b }}{% endwith %}{% endwith %}', '{% filter upper %}{% for i in [1, 2] %}a{{ i }}{% endfor %}{% endfilter %}', '{% filter center(9) %}mid{% endfilter %}|',
    '{% autoescape true %}{{ html }} {{ html|safe }} {{ "<b>" ~ "&" }}{% endautoescape %} {{ html }}', '{% autoescape false %}{{ html }}{% endautoescape %}', '{% autoescape true %}{% set x %}<i>{% endset %}{{ x }}{{ x|e }}{% endautoescape %}',
    '{% block a %}A{% block b %}B{% endblock %}{% endblock %}|{{ self.b() }}', '{% raw %}{% endraw %}x', '{%raw%} {{ a }} {%endraw%}', '{#- multi\nline\ncomment -#}\n  x', '{{ "{{" }} {{ "}}" }} {{ "{%" }}',
    '{% if true %}{% endif %}{% for x in [] %}{% endfor %}ok', '{%- if true %}\n  a\n{%- endif %}\n', '{{- "a" }}\n\n{{- "b" -}}\n\n{{ "c" }}', '{% set ns = namespace(items=[]) %}{% for i in range(3) %}{% set ns.items = ns.items + [i] %}{% endfor %}{{ ns.items }}',
    '{% set ns = namespace(a=1) %}{{ ns }}', '{{ namespace(a=1).a }}', '{{ cycler(1, 2).next() }}', '{% set c = cycler("a", "b") %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}{% set _ = c.reset() %}{{ c.next() }}',
    '{% set j = joiner(" | ") %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %}', '{{ dict(a=1)|length }} {{ dict({"x": 1}, y=2) }}', '{{ range(3)|sum }} {{ range(5)[2] }} {{ range(5)[-1] }} {{ range(1, 7, 2)|length }} {{ range(5)[1:3]|list }}',
    '{{ true and "x" }} {{ false or 0 }} {{ none and 1 }} {{ [] or {} }}', '{{ 1 if none else 2 }} {{ (1, 2) if [] else "e" }}', '{{ not not "a" }} {{ - - 3 }} {{ + 2 }} {{ -(-2.5) }}',
]:
    case('statements2', t)

for t in [
    '{{ s.center(15, "*") }} {{ s.ljust(13, "-") }} {{ s.rjust(13) }} {{ "12".zfill(5) }} {{ "-12".zfill(5) }}', '{{ s.split("o") }} {{ s.split("o", 1) }} {{ s.rsplit("o", 1) }} {{ "  a  b  ".split() }} {{ "  a  b  ".split(None, 1) }} {{ "a,,b".split(",") }}',
    '{{ "a\nb\r\nc".splitlines() }} {{ "a\nb\n".splitlines(true) }} {{ "".split() }} {{ "".split(",") }}', '{{ s.index("o", 5) }} {{ s.count("o", 0, 5) }} {{ s.find("o", -4) }} {{ s.startswith("World", 6) }} {{ s.endswith("Hello", 0, 5) }}',
    '{{ "ab".join("xyz") }} {{ ", ".join(users|map(attribute="name")) }}', '{{ ", ".join([1, 2]) }}', '{{ "x".strip("xy") }}|{{ "  x  ".strip() }}|{{ "xyhixy".strip("xy") }}|{{ "\u3000x\u3000".strip() }}|',
    '{{ s.title() }} {{ "hello wORLD 3rd".title() }} {{ "o\'neil".title() }} {{ "ñandú".capitalize() }}', '{{ "ABC".lower().upper() }} {{ "Abc".casefold() }} {{ "tab\there".expandtabs(4) }}',
    '{{ "123".isnumeric() }} {{ "١٢٣".isdigit() }} {{ "abc1".isalnum() }} {{ "ABC".isupper() }} {{ "".isupper() }} {{ "Hello World".istitle() }} {{ "a b".isidentifier() }}',
    '{{ "a=1;b=2".split(";")|map("trim")|list }} {{ "x".replace("x", "y").upper() }}', '{{ [1, 2, 3].index(2) }} {{ [1, 2, 2].count(2) }} {{ (1, 2).count(1) }} {{ (1, 2).index(2) }}',
    '{% set l = [3, 1, 2] %}{{ l.sort(reverse=true) }}{{ l }} {{ l.reverse() }}{{ l }} {{ l.remove(2) }}{{ l }} {{ l.clear() }}{{ l }}', '{% set d2 = {"a": 1} %}{{ d2.pop("a") }}{{ d2 }} {{ d2.setdefault("b", 2) }}{{ d2 }} {{ d2.get("b", 9) }} {{ d2.copy() }}',
    '{{ d.values() }}', '{{ {"a": none}.get("a", 1) }} {{ {"a": none}.a }} {{ {"items": 1}.items }}|{{ {"items": 1}["items"] }}', '{{ d|attr("items") is callable }} {{ d.get is callable }}', '{{ "abc".nope }}|{{ [1].nope }}|{{ (1).nope }}|',
    '{{ s.encode() }}', '{{ "%s" % s.upper }}', '{{ [].pop() }}', '{{ {}.pop("x") }}', '{{ "a".index("z") }}',
]:
    case('methods2', t)


def render(template, variables):
    try:
        # A fresh copy per case: templates may mutate their inputs (`items.sort()`).
        return {'output': jinja2.Template(template).render(**copy.deepcopy(variables))}
    except Exception as e:  # what dify-sandbox would report as the node's error
        return {'error': type(e).__name__, 'message': str(e)}


def main():
    fixtures = []
    counts = {}
    for group, template, variables in CASES:
        counts[group] = counts.get(group, 0) + 1
        entry = {'id': f'{group}-{counts[group]}', 'template': template}
        if variables is not V:
            entry['vars'] = variables
        entry.update(render(template, variables))
        fixtures.append(entry)
    doc = {
        'generator': 'scripts/jinja-fixtures.py',
        'jinja2': jinja2.__version__,
        'markupsafe': markupsafe.__version__,
        'python': sys.version.split()[0],
        'vars': V,
        'cases': fixtures,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write('\n')
    errors = sum(1 for c in fixtures if 'error' in c)
    print(f'{len(fixtures)} cases ({errors} raise) written to {os.path.relpath(OUT)}')


if __name__ == '__main__':
    main()
