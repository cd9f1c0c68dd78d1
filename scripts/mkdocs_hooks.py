"""MkDocs hooks of argmap's docs site (mkdocs.yml, ``hooks:``): pages made at build time.

Nothing here is committed as output, so nothing drifts from the code it describes:

- ``reference/format.md``: the format reference, from the JSON Schema
  (``schemas/argmap.schema.json``): every section and key with its type, whether it is
  required, its allowed values and its description.
- ``reference/cli.md``: the command-line reference, the ``--help`` of every command the
  Typer app registers (iterating ``argmap.cli._COMMANDS``, so new commands appear when
  their module exists).
- ``rules/index.md``: the rule catalogue of ``argmap check``, from the rule registry,
  linking each rule's page (``docs/rules/<code>.md``).
- Pictures: a YAML map block (starting ``argmap: 1``) followed by an image
  ``![...](images/NAME.svg)`` whose file is not in docs/ is drawn by ``argmap.render``
  into the site.  A line ``# render: status=SEMANTICS`` in the block colours the nodes
  by their status under that semantics (``argmap.evaluate``).
- ``schemas/*.json`` and ``examples/**`` are copied into the site, and links from docs
  pages to those repository files (``../schemas/...``, ``../examples/...``) are pointed
  at the copies.
- Pages of other parts (``teaching.md``, ``serve.md``, ``lsp.md``) join the nav when
  their file exists.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

#: Pages written by other parts of the project: in the nav when they exist.
OPTIONAL_PAGES = {
    "Guide": [("Teaching with argmap", "teaching.md"), ("Live preview (serve)", "serve.md"),
              ("Language server (lsp)", "lsp.md")],
}

_YAML_THEN_IMAGE = re.compile(
    r"```yaml\n(?P<body>argmap: 1\n.*?)```\s*\n(?:[^\n]*\n){0,2}?"
    r"!\[[^\]]*\]\((?P<target>images/[\w.-]+\.svg)\)",
    re.DOTALL,
)
_RENDER_OPTION = re.compile(r"^# render: status=(?P<semantics>grounded|complete|preferred|stable)"
                            r"\s*$", re.MULTILINE)
_LINK = re.compile(r"(\]\()(?P<target>[^)\s#]+)(?P<rest>[^)]*\))")


# --------------------------------------------------------------------------------------
# nav


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    nav = config["nav"]
    for section, pages in OPTIONAL_PAGES.items():
        for entry in nav:
            if isinstance(entry, dict) and section in entry:
                for title, page in pages:
                    if (DOCS / page).is_file():
                        entry[section].append({title: page})
    return config


# --------------------------------------------------------------------------------------
# generated files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, "reference/format.md", content=format_reference()))
    files.append(File.generated(config, "reference/cli.md", content=cli_reference()))
    files.append(File.generated(config, "rules/index.md", content=rule_catalogue()))
    for schema in sorted((ROOT / "schemas").glob("*.json")):
        files.append(File.generated(config, f"schemas/{schema.name}",
                                    abs_src_path=str(schema)))
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.is_file():
            uri = path.relative_to(ROOT).as_posix()
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in _YAML_THEN_IMAGE.finditer(text):
            target = posixpath.normpath(posixpath.join(
                page.parent.relative_to(DOCS).as_posix(), match["target"]))
            if (DOCS / target).exists() or files.get_file_from_path(target) is not None:
                continue
            files.append(File.generated(config, target, content=_picture(match["body"])))
    return files


def _picture(body: str) -> bytes:
    import argmap  # noqa: PLC0415 -- the docs build imports argmap
    from argmap.evaluate import evaluate_map  # noqa: PLC0415 -- same
    from argmap.render import RenderOptions, render  # noqa: PLC0415 -- same

    debate = argmap.loads(body, format="yaml")
    option = _RENDER_OPTION.search(body)
    if option is None:
        # no legend: it would dwarf these small maps (the pages say what the shapes mean)
        return render(debate, "svg", RenderOptions(wrap=28, legend=False))
    result = evaluate_map(debate, option["semantics"], explain=False)
    status = {node.id: node.status.value for node in result.nodes}
    # no legend: the page says what the colours mean, and the maps are small
    return render(debate, "svg", RenderOptions(wrap=28, color_by="status", legend=False),
                  status=status)


# --------------------------------------------------------------------------------------
# links to repository files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Links that leave docs/ for a file copied into the site point at the copy."""
    source = page.file.src_uri
    in_root = source if source.startswith("examples/") else f"docs/{source}"

    def site_path(root_path: str) -> str:
        return root_path[len("docs/"):] if root_path.startswith("docs/") else root_path

    def fix(match: re.Match[str]) -> str:
        target = match["target"]
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return match[0]
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(in_root), target))
        if resolved.startswith("..") or files.get_file_from_path(site_path(resolved)) is None:
            return match[0]
        new = posixpath.relpath(site_path(resolved), posixpath.dirname(site_path(in_root)))
        return f"{match[1]}{new}{match['rest']}"

    return _LINK.sub(fix, markdown)


# --------------------------------------------------------------------------------------
# the format reference


def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (ROOT / "schemas" / "argmap.schema.json").read_text(encoding="utf-8"))
    return loaded


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _type_of(spec: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        target = defs[name]
        if target.get("type") == "object" and "properties" in target:
            return f"[{name}](#{name.lower()})"
        return f"[{name}](#value-types)"
    if "const" in spec:
        return f"`{json.dumps(spec['const'])}`"
    if "enum" in spec:
        return "one of " + ", ".join(f"`{v}`" for v in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        return f"list of {_type_of(spec.get('items', {}), defs)}"
    if kind == "object" and "additionalProperties" in spec:
        inner = spec["additionalProperties"]
        if isinstance(inner, dict):
            return f"mapping of id to {_type_of(inner, defs)}"
    if "oneOf" in spec or "anyOf" in spec:
        options = spec.get("oneOf") or spec.get("anyOf") or []
        return " or ".join(_type_of(o, defs) for o in options)
    if isinstance(kind, list):
        return " or ".join(kind)
    return str(kind or "any value")


def _constraints(spec: dict[str, Any]) -> str:
    notes = []
    for key, word in (("minLength", "at least {} characters"),
                      ("maxLength", "at most {} characters"),
                      ("minItems", "at least {} items"), ("maxItems", "at most {} items"),
                      ("minimum", "at least {}"), ("maximum", "at most {}")):
        if key in spec:
            notes.append(word.format(f"{spec[key]:,}"))
    if "pattern" in spec:
        notes.append(f"matches `{spec['pattern']}`")
    if "format" in spec:
        notes.append(f"format `{spec['format']}`")
    return "; ".join(notes)


def _table(spec: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    required = set(spec.get("required", ()))
    lines = ["| key | type | required | description |", "|---|---|---|---|"]
    for key, prop in spec.get("properties", {}).items():
        description = prop.get("description", "")
        if not description and "$ref" in prop:
            description = defs[prop["$ref"].rsplit("/", 1)[-1]].get("description", "")
        lines.append(f"| `{key}` | {_cell(_type_of(prop, defs))} | "
                     f"{'yes' if key in required else ''} | {_cell(description)} |")
    return lines


def format_reference() -> str:
    """The reference of the map format, generated from its JSON Schema."""
    schema = _schema()
    defs: dict[str, Any] = schema["$defs"]
    out = [
        "# Format reference",
        "",
        "<!-- generated at build time from schemas/argmap.schema.json "
        "(scripts/mkdocs_hooks.py) -->",
        "",
        f"{schema['description']}",
        "",
        "This page is generated from the JSON Schema "
        "([argmap.schema.json](../schemas/argmap.schema.json), draft 2020-12) when the site "
        "is built. The [format guide](../format.md) explains the same with examples; what a "
        "schema cannot express (that references name existing nodes of the right kind, "
        "that ids are unique) `argmap validate` checks as well.",
        "",
        "## The file",
        "",
        *_table(schema, defs),
        "",
    ]
    objects = [(n, d) for n, d in defs.items() if d.get("type") == "object" and "properties" in d]
    values = [(n, d) for n, d in defs.items() if (n, d) not in objects]
    for name, spec in objects:
        out += [f"## {name}", "", spec.get("description", ""), "", *_table(spec, defs), ""]
        for variant in spec.get("oneOf", []) + spec.get("anyOf", []):
            if "required" in variant and "description" in variant:
                out += [f"- {variant['description']}"]
        if spec.get("oneOf") or spec.get("anyOf"):
            out.append("")
    out += ["## Value types", "", "| name | type | constraints | description |",
            "|---|---|---|---|"]
    for name, spec in values:
        out.append(f"| `{name}` | {_cell(_type_of(spec, defs))} | "
                   f"{_cell(_constraints(spec))} | {_cell(spec.get('description', ''))} |")
    out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------------------
# the command-line reference


def cli_reference() -> str:
    """Every command's ``--help``, as the installed Typer app prints it."""
    import typer.main  # noqa: PLC0415 -- the docs build has the CLI installed

    from argmap.cli import _COMMANDS, _app, _click_module  # noqa: PLC0415 -- same

    click = _click_module()
    group = typer.main.get_command(_app())  # type: ignore[arg-type]
    root = click.Context(group, info_name="argmap", terminal_width=88, max_content_width=88)
    out = [
        "# Command-line reference",
        "",
        "<!-- generated at build time from the Typer app (scripts/mkdocs_hooks.py) -->",
        "",
        "Generated from `argmap --help` and each command's `--help` when the site is built.",
        "Exit status everywhere: 0 clean, 1 findings, 2 usage or I/O error.",
        "",
        "```text",
        group.get_help(root).rstrip(),
        "```",
        "",
    ]
    commands = getattr(group, "commands", {})
    for name in _COMMANDS:
        command = commands.get(name)
        if command is None:
            continue  # a slot whose module is not there (yet)
        ctx = click.Context(command, info_name=name, parent=root, terminal_width=88,
                            max_content_width=88)
        out += [f"## argmap {name}", "", "```text", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------------------
# the rule catalogue


def rule_catalogue() -> str:
    """The rules of ``argmap check``, from the registry, each linking its page."""
    from argmap.check import describe_rules  # noqa: PLC0415 -- the docs build imports argmap

    out = [
        "# Rule catalogue",
        "",
        "<!-- generated at build time from the rule registry (scripts/mkdocs_hooks.py) -->",
        "",
        "The rules of [`argmap check`](../check.md), by family, with their default severity.",
        "Each page explains the rule with a map that breaks it and one that does not;",
        "`argmap check --list-rules` prints the same list as configured for a project.",
        "",
    ]
    family = None
    for rule in describe_rules():
        if rule["family"] != family:
            family = rule["family"]
            out += ["", f"## {str(family).capitalize()}", "",
                    "| rule | severity | on by default | finds |", "|---|---|---|---|"]
        code = str(rule["code"])
        enabled = "yes" if rule["default_enabled"] else "no"
        out.append(f"| [`{code}`]({code}.md) | {rule['default_severity']} | {enabled} | "
                   f"{_cell(str(rule['summary']))} |")
    out.append("")
    return "\n".join(out)
