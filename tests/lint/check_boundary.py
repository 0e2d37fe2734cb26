#!/usr/bin/env python3
"""Checks the C++/PostgreSQL boundary rules of docs/architecture.md.

Run from anywhere: python3 tests/lint/check_boundary.py [--verbose]
Exits 1 and prints file:line: problem for each violation.

What it checks, in every PG-zone file (a .cpp under src/ that does not
#define WFDW_PURE_TU):

1. Entry points run their body through the guard. An entry point is a
   function PostgreSQL calls: every `extern "C"` function, and every function
   marked WFDW_PG_ENTRY (FDW callbacks, hooks, memory-context / transaction /
   syscache / error-context callbacks, ANALYZE's sampler). Its body must be
   exactly one statement: `[return] [wfdw::]guard(...)` or
   `WFDW_GUARDED(...)`.

2. Everything handed to PostgreSQL is an entry point: the function named at a
   registration site (FdwRoutine fields, hooks, `.func =` / `.callback =`,
   Register*Callback, AcquireSampleRowsFunc, the check/assign/show hooks of
   DefineCustom*Variable, exit callbacks) must be marked
   WFDW_PG_ENTRY; a lambda handed to PostgreSQL is an error.

3. (Heuristic) No frame holds a C++ object with a non-trivial destructor
   while it can raise a PostgreSQL error: a function or lambda body that
   declares such an object (std::string, std::vector, std::unique_ptr,
   std::map, ..., or a project type holding one) must not call ereport, elog,
   palloc and friends, CHECK_FOR_INTERRUPTS, guard (which ereports a caught
   exception), or a src/ function that (transitively) does. Calls inside a
   `pg_call(...)` lambda are exempt: pg_call turns a PostgreSQL error into a
   C++ exception, so C++ unwinding runs the destructors. Lambdas other than
   pg_call's run on top of the enclosing frame, so their calls count against
   it too. A temporary `f(...).c_str()` passed to such a call counts as an
   object as well.
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SRC = os.path.join(ROOT, "src")

# PostgreSQL functions and macros that can raise an ERROR (longjmp). Not
# complete: the common ones, plus, by closure, every function defined in
# src/ whose body calls one.
PG_RAISING = re.compile(
    r"^(ereport|elog|errcontext|palloc\w*|repalloc\w*|pstrdup|pnstrdup|psprintf|pchomp|"
    r"CHECK_FOR_INTERRUPTS|PG_RE_THROW|pg_re_throw|appendStringInfo\w*|appendBinaryStringInfo|initStringInfo|"
    r"makeStringInfo|enlargeStringInfo|lappend\w*|lcons\w*|list_make\w*|list_copy\w*|list_concat\w*|"
    r"makeNode|text_to_cstring|cstring_to_text\w*|quote_identifier|quote_literal_cstr|defGet\w+|"
    r"format_type\w*|OutputFunctionCall|InputFunctionCall|DirectFunctionCall\w*|FunctionCall\w*|"
    r"GetForeign\w+|GetUserMapping|GetUserNameFromId|get_namespace_name|get_rel_name|get_attname|"
    r"heap_form_tuple|ExecEvalExpr|ExecInitExpr\w*|ExplainProperty\w+|AllocSetContextCreate|"
    r"MemoryContextAlloc\w*|MemoryContextStrdup|hash_search|hash_create|SPI_\w+|"
    r"guard|raise_caught_error|WFDW_GUARDED)$")

# Standard types whose destructor does something.
STD_DESTRUCTIBLE = {
    "string", "vector", "unique_ptr", "shared_ptr", "map", "unordered_map", "set", "unordered_set", "list",
    "deque", "ifstream", "ofstream", "fstream", "stringstream", "ostringstream", "istringstream", "function",
    "optional", "variant", "thread", "mutex", "lock_guard", "unique_lock", "condition_variable", "basic_string",
}

REGISTRATION_SITES = [
    # FdwRoutine fields and similar struct-of-callbacks assignments: r->Name = fn;
    re.compile(r"\b\w+->([A-Z]\w+)\s*=\s*(?P<fn>[\w:]+|\[)"),
    re.compile(r"\b(\w+_hook)\s*=\s*(?P<fn>[\w:]+|\[)"),
    re.compile(r"(?:\.|->)(func|callback)\s*=\s*(?P<fn>[\w:]+|\[)"),
    re.compile(r"\*func\s*=\s*(?P<fn>[\w:]+|\[)"),
    re.compile(r"\bRegister(?:Sub)?XactCallback\s*\(\s*(?P<fn>[\w:]+|\[)"),
    re.compile(r"\bCacheRegister(?:Syscache|Relcache)Callback\s*\((?:[^,()]*,\s*)?(?P<fn>[\w:]+|\[)"),
    re.compile(r"\b(?:before_shmem_exit|on_shmem_exit|on_proc_exit)\s*\(\s*(?P<fn>[\w:]+|\[)"),
    re.compile(r"\bRegisterResourceReleaseCallback\s*\(\s*(?P<fn>[\w:]+|\[)"),
]
NOT_FUNCTIONS = {"nullptr", "NULL", "0", "true", "false"}
# Right-hand sides at the sites above that are data, not functions.
DATA_FIELD = re.compile(r"^(prev_\w+|[a-z_]+_hook)$")


def strip(text):
    """Blanks comments, string and character literals (keeps offsets and newlines)."""
    out = list(text)
    i, n = 0, len(text)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            blank(i, j)
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            blank(i + 1, j)
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum() and text[i - 1] not in "uUL8":  # digit separator
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            blank(i + 1, j)
            i = j + 1
        else:
            i += 1
    return "".join(out)


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


class Frame:
    def __init__(self, path, name, kind, start, end, header, parent=None, call=None):
        self.path, self.name, self.kind = path, name, kind  # kind: function | lambda
        self.start, self.end = start, end  # body braces (inclusive start, position of the closing brace)
        self.header = header
        self.parent = parent
        self.call = call  # the function a lambda is an argument of
        self.children = []


def match_brace(s, i):
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(s) - 1


LAMBDA_INTRO = re.compile(
    r"\[[^\[\]]*\]\s*(?:\((?:[^()]|\([^()]*\))*\))?\s*(?:mutable\s*)?(?:noexcept\s*)?(?:->\s*[\w:<>\s\*&]+?)?\s*$")


def find_lambdas(s, frame, path):
    """Lambdas directly inside frame's body (recursively)."""
    i = frame.start + 1
    while i < frame.end:
        if s[i] == "{":
            head = s[max(frame.start + 1, i - 400):i]
            m = LAMBDA_INTRO.search(head)
            prev = head[:m.start()].rstrip()[-1:] if m else ""
            if m and (prev in ("(", ",", "=", "{", "}", ";", "") or head[:m.start()].rstrip().endswith("return")):
                end = match_brace(s, i)
                before = head[:m.start()].rstrip()
                call = None
                if before.endswith("("):
                    cm = re.search(r"([\w:]+)\s*$", before[:-1])
                    call = cm.group(1).split("::")[-1] if cm else None
                child = Frame(path, "<lambda in %s>" % frame.name, "lambda", i, end, head[m.start():], frame, call)
                frame.children.append(child)
                find_lambdas(s, child, path)
                i = end + 1
                continue
            # An inner block: skip over it but keep scanning inside for lambdas.
        i += 1


def parse_file(path):
    raw = open(path, encoding="utf-8").read()
    s = strip(raw)
    frames = []
    # Walk namespace-level text; descend into namespace / extern "C" blocks.
    stack_extern_c = []

    def scan(a, b, extern_c):
        i = a
        last = a
        while i < b:
            c = s[i]
            if c == ";":
                last = i + 1
            elif c == "}":
                last = i + 1
            elif c == "{":
                header = s[last:i]
                hs = header.strip()
                end = match_brace(s, i)
                if re.search(r"\bnamespace\b[\w\s:]*$", hs) or re.fullmatch(r"namespace", hs):
                    scan(i + 1, end, extern_c)
                elif re.search(r'extern\s*"[^"]*"\s*$', hs):
                    scan(i + 1, end, True)
                elif re.search(r"\b(struct|class|union|enum)\b[^()]*$", hs) or "=" in re.sub(r"\(.*", "", hs, flags=re.S) \
                        or "(" not in hs:
                    pass  # a type or an initializer; member functions are not entry points here
                else:
                    name_m = re.search(r"([~\w:]+)\s*\(", re.sub(r"\s+", " ", hs))
                    name = name_m.group(1).split("::")[-1] if name_m else "?"
                    is_extern_c = extern_c or bool(re.search(r'extern\s*"[^"]*"', hs))
                    f = Frame(path, name, "function", i, end, hs)
                    f.extern_c = is_extern_c
                    f.marked = "WFDW_PG_ENTRY" in hs
                    f.line = line_of(s, i - len(header) + (len(header) - len(header.lstrip())))
                    find_lambdas(s, f, path)
                    frames.append(f)
                i = end
                last = end + 1
            i += 1

    scan(0, len(s), False)
    return raw, s, frames


def all_frames(frames):
    for f in frames:
        yield f
        yield from all_frames(f.children)


def own_text(s, frame):
    """The frame's body without the bodies of its lambdas."""
    parts, i = [], frame.start + 1
    for ch in frame.children:
        parts.append((i, s[i:ch.start]))
        i = ch.end + 1
    parts.append((i, s[i:frame.end]))
    return parts


CALL = re.compile(r"(?<![\w.>])(?:(?:::)?wfdw::|::)?([A-Za-z_]\w*)\s*\(")


def calls_in(text):
    out = []
    for m in CALL.finditer(text):
        name = m.group(1)
        # Member calls (x.f(), p->f()) are C++ methods.
        pre = text[:m.start()].rstrip()
        if pre.endswith(".") or pre.endswith("->"):
            continue
        out.append((name, m.start()))
    return out


def raising_calls(s, frame, raising):
    """(name, pos) of raising calls made on this frame: its own text plus
    lambdas run on top of it, except pg_call's."""
    found = []
    for base, text in own_text(s, frame):
        for name, pos in calls_in(text):
            if name in raising or PG_RAISING.match(name):
                found.append((name, base + pos))
    for ch in frame.children:
        if ch.call == "pg_call":
            continue
        found.extend(raising_calls(s, ch, raising))
    return found


def destructible_types():
    """Project types (struct/class in src/ headers and sources) whose destructor does something."""
    bodies = {}
    for dirpath, _, files in os.walk(SRC):
        for fn in files:
            if not fn.endswith((".hpp", ".cpp", ".h")):
                continue
            s = strip(open(os.path.join(dirpath, fn), encoding="utf-8").read())
            for m in re.finditer(r"\b(struct|class)\s+(\w+)\s*(final\s*)?(:\s*[^{;]*)?\{", s):
                end = match_brace(s, m.end() - 1)
                bodies.setdefault(m.group(2), []).append((m.group(4) or "", s[m.end():end]))
    result = set()
    changed = True
    while changed:
        changed = False
        for name, defs in bodies.items():
            if name in result:
                continue
            for bases, body in defs:
                txt = bases + " " + body
                std = any(re.search(r"\bstd::%s\b(?!\s*<[^;]*>\s*[*&])(?![^;]*?\s*[*&]\s*\w+\s*;)" % t, txt)
                          for t in STD_DESTRUCTIBLE) or \
                    re.search(r"\bstd::(runtime_error|exception|logic_error)\b", bases)
                user_dtor = re.search(r"~\s*%s\s*\([^)]*\)(?!\s*=\s*default)" % name, body) or \
                    re.search(r"virtual\s+~", body)
                # A member held by value, or a base class.
                member = any(re.search(r"(?:^|[;{}]|public|private|protected)\s*(?:const\s+)?(?:\w+::)*%s\b\s+\w+\s*[;={\[]" % t,
                                       body, re.M) or re.search(r"\b%s\b" % t, bases) for t in result)
                if std or user_dtor or member:
                    result.add(name)
                    changed = True
                    break
    return result


def object_decls(text, types):
    """(type, pos) of locals declared by value with a destructible type."""
    found = []
    std = "|".join(sorted(STD_DESTRUCTIBLE))
    proj = "|".join(sorted(types)) or "(?!x)x"
    decl = re.compile(
        r"(?:^|[;{}(,]|\)\s*)\s*(?:const\s+|static\s+)?(?P<t>(?:std::(?:%s)\b(?:\s*<[^;{}()]*?>)?)|(?:(?:wfdw::)?(?:%s)\b))"
        r"\s+(?P<v>[A-Za-z_]\w*)\s*(?:[;=({\[,)]|$)" % (std, proj), re.M)
    for m in decl.finditer(text):
        if "static" in text[m.start():m.start("t")]:
            continue  # not on the frame
        found.append((m.group("t"), m.start("t")))
    # auto x = std::make_unique<...>() / std::string(...) ...
    for m in re.finditer(r"\bauto\s+\w+\s*=\s*std::(make_unique|make_shared|string|vector|map)\b", text):
        found.append(("auto = std::" + m.group(1), m.start()))
    return found


def main():
    verbose = "--verbose" in sys.argv
    problems = []
    pg_files = []
    for dirpath, _, files in os.walk(SRC):
        for fn in sorted(files):
            if fn.endswith(".cpp"):
                p = os.path.join(dirpath, fn)
                if "#define WFDW_PURE_TU" not in open(p, encoding="utf-8").read():
                    pg_files.append(p)
    parsed = {p: parse_file(p) for p in sorted(pg_files)}
    types = destructible_types()

    # Functions of src/ that raise PostgreSQL errors, by name (closure).
    raising = set()
    changed = True
    while changed:
        changed = False
        for p, (_, s, frames) in parsed.items():
            for f in frames:
                if f.name in raising or f.name == "pg_call":
                    continue
                if raising_calls(s, f, raising):
                    raising.add(f.name)
                    changed = True

    entries = {}
    for p, (raw, s, frames) in parsed.items():
        rel = os.path.relpath(p, ROOT)
        for f in frames:
            if f.extern_c or f.marked:
                entries.setdefault(f.name, []).append(f)
                body = s[f.start + 1:f.end].strip()
                ok = re.fullmatch(r"(return\s+)?(::)?(wfdw::)?guard\s*\((.|\n)*\)\s*;", body) or \
                    re.fullmatch(r"WFDW_GUARDED\s*\((.|\n)*\)\s*;?", body)
                # Exactly one statement: the guard call's parentheses close at the end.
                if ok:
                    open_at = body.index("(")
                    depth, close = 0, -1
                    for k in range(open_at, len(body)):
                        if body[k] == "(":
                            depth += 1
                        elif body[k] == ")":
                            depth -= 1
                            if depth == 0:
                                close = k
                                break
                    if body[close + 1:].strip() not in ("", ";"):
                        ok = None
                if not ok:
                    problems.append("%s:%d: entry point %s: its body must be one guard(...) / WFDW_GUARDED(...) call"
                                    % (rel, f.line, f.name))
        # Registration sites.
        for rx in REGISTRATION_SITES:
            for m in rx.finditer(s):
                fn = m.group("fn")
                line = line_of(s, m.start())
                if fn == "[":
                    problems.append("%s:%d: a lambda is handed to PostgreSQL; use a named WFDW_PG_ENTRY function"
                                    % (rel, line))
                    continue
                fn = fn.split("::")[-1]
                if fn in NOT_FUNCTIONS or DATA_FIELD.match(fn):
                    continue
                marked = any(f.name == fn and (f.marked or f.extern_c) for q in parsed.values() for f in q[2])
                if not marked:
                    problems.append("%s:%d: %s is handed to PostgreSQL but is not a WFDW_PG_ENTRY function"
                                    % (rel, line, fn))

        # GUC hooks: the last three arguments of DefineCustom*Variable.
        for m in re.finditer(r"\bDefineCustom\w+Variable\s*\(", s):
            depth, args, cur = 0, [], ""
            for ch in s[m.end() - 1:]:
                if ch == "(":
                    depth += 1
                    if depth == 1:
                        continue
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        args.append(cur.strip())
                        break
                if ch == "," and depth == 1:
                    args.append(cur.strip())
                    cur = ""
                else:
                    cur += ch
            for hook in args[-3:]:
                hook = hook.split("::")[-1]
                if hook in NOT_FUNCTIONS or not re.fullmatch(r"\w+", hook):
                    if hook.startswith("["):
                        problems.append("%s:%d: a lambda is a GUC hook; use a named WFDW_PG_ENTRY function"
                                        % (rel, line_of(s, m.start())))
                    continue
                if not any(f.name == hook and (f.marked or f.extern_c) for q in parsed.values() for f in q[2]):
                    problems.append("%s:%d: GUC hook %s is not a WFDW_PG_ENTRY function"
                                    % (rel, line_of(s, m.start()), hook))

        # Objects with destructors on frames that can raise.
        for f in all_frames(frames):
            objs = []
            for base, text in own_text(s, f):
                objs += [(t, base + pos) for t, pos in object_decls(text, types)]
            # By-value parameters.
            params = f.header[f.header.find("("):] if "(" in f.header else ""
            objs += [(t, f.start) for t, _ in object_decls(params.replace("(", ",", 1), types)]
            calls = raising_calls(s, f, raising)
            # Temporaries: f(...).c_str() inside a raising call's statement.
            if calls:
                for base, text in own_text(s, f):
                    for m in re.finditer(r"\)\s*\.\s*c_str\s*\(\)", text):
                        stmt_a = max(text.rfind(";", 0, m.start()), text.rfind("{", 0, m.start()),
                                     text.rfind("}", 0, m.start())) + 1
                        stmt_b = text.find(";", m.end())
                        stmt = text[stmt_a:stmt_b if stmt_b >= 0 else len(text)]
                        if any(n in raising or PG_RAISING.match(n) for n, _ in calls_in(stmt)):
                            objs.append(("temporary from f(...).c_str()", base + m.start()))
            if objs and calls:
                t, opos = objs[0]
                n, cpos = calls[0]
                problems.append("%s:%d: %s holds %s (line %d) and can raise a PostgreSQL error: %s() at line %d"
                                % (rel, line_of(s, f.start), f.name, t, line_of(s, opos), n, line_of(s, cpos)))

    if verbose:
        print("entry points:", ", ".join(sorted(entries)))
        print("destructible project types:", ", ".join(sorted(types)))
        print("src/ functions that can raise:", len(raising))
    for p in problems:
        print(p)
    print("boundary check: %d problem(s) in %d PG-zone files, %d entry points"
          % (len(problems), len(parsed), sum(len(v) for v in entries.values())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
