#!/usr/bin/env python3
"""Runs the commands of CLI golden cases (tests/cli/cases/*.t) on a SQLite file and on a fresh
PostgreSQL database, and fails where the two engines answer differently: another exit code, or
other stdout or stderr once the database's name and the case folder are written alike.

    same_on_both.py NEEDLEBOOK CASE.t…

`check` prints sections of its own on a server (integrity, foreign keys, schema): only its
result and the sections both engines share are compared. A case named in SKIPPED is skipped,
with the reason printed: it checks what the README documents as different on a server, and
where the server's side is tested instead.

The server comes from libpq's environment (PGHOST, PGPORT, PGUSER: tests/pg/run_with_server.sh).
Each case gets its own database, dropped afterwards. On a server the audit names the database
user who logged in, so the acting user a case gives (NEEDLEBOOK_USER, --as NAME) becomes the
login there: a role of that name (a superuser of the throw-away server) connects instead.

The cases' SQL checks (`=` lines: stored rows) run on both too, through sqlite3 and psql, and
must give the same rows (numbers compared as numbers: SQLite prints a REAL 1 as 1.0). A check
written in SQLite's own SQL (printf, PRAGMA, …), which the server cannot run, is listed at the
end and compared on SQLite only, where the golden test compares it.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


STORE = "reads or changes the photo store's folder beside a SQLite file; a server keeps its images in photo_image (tests/pg/copy_both_ways.sh)"
ACTOR = 'types blank or malformed acting users, which a server takes from the login instead'
SKIPPED = {
    'photo_backup.t': STORE, 'photo_store_strays.t': STORE, 'photos.t': STORE,
    'photo_exchange.t': 'exports from a SQLite file it names (--db src.db), whose audit names a '
                        'typed user, not the login, so the manifest differs; export and import '
                        'with photos on a server: tests/pg/copy_both_ways.sh',
    'export_xlsx.t': 'refuses --output onto the database file, which a server does not have',
    'copy.t': 'copies into SQLite files it names, whose audit names a typed user, not the login; '
              'SQLite to PostgreSQL and back: tests/pg/copy_both_ways.sh',
    'audit_actor.t': ACTOR, 'control_characters.t': ACTOR, 'usage_errors.t': ACTOR,
}


def ansi_c(text):
    """bash's $'…' quoting, as the golden runner reads it."""
    out, i = bytearray(), 0
    simple = {'n': b'\n', 'r': b'\r', 't': b'\t', 'e': b'\x1b', 'a': b'\x07', '\\': b'\\', "'": b"'"}
    while i < len(text):
        c = text[i]
        if c == '\\' and i + 1 < len(text):
            n = text[i + 1]
            if n in simple:
                out += simple[n]
                i += 2
                continue
            if n == 'x':
                out.append(int(text[i + 2:i + 4], 16))
                i += 4
                continue
            if n == 'u':
                out += chr(int(text[i + 2:i + 6], 16)).encode()
                i += 6
                continue
        out += c.encode()
        i += 1
    return out


def split_words(line):
    """The golden runner's word splitting: '…' literal, "…" with \\" and \\\\, $'…', \\x."""
    words, word, i, started = [], bytearray(), 0, False
    while i < len(line):
        c = line[i]
        if c in ' \t':
            if started:
                words.append(bytes(word))
                word, started = bytearray(), False
            i += 1
            continue
        started = True
        if line.startswith("$'", i):
            end = i + 2
            while line[end] != "'":
                end += 2 if line[end] == '\\' else 1
            word += ansi_c(line[i + 2:end])
            i = end + 1
        elif c == "'":
            end = line.index("'", i + 1)
            word += line[i + 1:end].encode()
            i = end + 1
        elif c == '"':
            i += 1
            while line[i] != '"':
                if line[i] == '\\' and line[i + 1] in '"\\':
                    i += 1
                word += line[i].encode()
                i += 1
            i += 1
        elif c == '\\':
            word += line[i + 1].encode()
            i += 2
        else:
            word += c.encode()
            i += 1
    if started:
        words.append(bytes(word))
    return words


def steps_of(case):
    steps = []
    for raw in open(case, encoding='utf-8'):
        line = raw.rstrip('\n').rstrip('\r')
        if line.startswith('$ needlebook'):
            steps.append(('run', split_words(line[2:])[1:]))
        elif line.startswith('%env '):
            name, _, value = line[5:].partition('=')
            steps.append(('env', (name, value)))
        elif line.startswith('%unset '):
            steps.append(('unset', line[7:].strip()))
        elif line.startswith('%file '):
            name, _, hexbytes = line[6:].partition('=')
            steps.append(('file', (name, bytes.fromhex(hexbytes))))
        elif line.startswith('= '):
            steps.append(('sql', line[2:]))
    return steps


def login_role(name):
    """A throw-away server's login for the acting user NAME."""
    quoted = '"' + name.replace('"', '""') + '"'
    literal = "'" + name.replace("'", "''") + "'"
    psql(f'DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {literal}) THEN '
         f'CREATE ROLE {quoted} LOGIN SUPERUSER; END IF; END $$')


def verdicts(report):
    """What check must find alike on both: the result and the sections both engines share (a
    server's integrity, keys and schema sections are its own: README)."""
    shared = (b'  result:', b'audit chain ', b'records ', b'seals ', b'photos ')
    return b'\n'.join(line for line in report.split(b'\n') if line.startswith(shared))


def canonical_rows(output):
    """Query output with numbers written alike: SQLite prints a REAL 1 as 1.0, PostgreSQL a
    double precision 1 as 1."""
    def field(text):
        if re.fullmatch(rb'-?[0-9]+\.[0-9]+', text):
            return repr(float(text)).encode()
        if re.fullmatch(rb'-?[0-9]+', text):
            return repr(float(text)).encode()
        return text
    return b'\n'.join(b'|'.join(field(f) for f in line.split(b'|'))
                      for line in output.rstrip(b'\n').split(b'\n'))


def psql(sql, database='postgres'):
    subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql],
                   check=True, stdout=subprocess.DEVNULL)


class Engine:
    def __init__(self, binary, case, target, tmp, server=False):
        self.binary, self.tmp, self.target, self.server = binary, tmp, target, server
        self.env = {
            'PATH': os.environ['PATH'], 'HOME': tmp, 'TZ': 'Europe/London', 'LC_ALL': 'C.UTF-8',
            'NEEDLEBOOK_NOW': '2026-11-23T15:00:00Z', 'NEEDLEBOOK_USER': 'tester',
            'NO_COLOR': '1', 'NEEDLEBOOK_DB': target,
        }
        for name in ('PGHOST', 'PGPORT'):
            if name in os.environ:
                self.env[name] = os.environ[name]
        if server:
            self.env['PGUSER'] = 'tester'
            self.env.pop('NEEDLEBOOK_USER')

    def step(self, kind, value):
        if self.server:
            kind, value = self.as_login(kind, value)
        if kind == 'env':
            self.env[value[0]] = value[1].replace('${TMP}', self.tmp)
        elif kind == 'unset':
            self.env.pop(value, None)
        elif kind == 'file':
            with open(os.path.join(self.tmp, value[0]), 'wb') as f:
                f.write(value[1])
        elif kind == 'result':
            return value
        elif kind == 'sql':
            return self.query(value)
        else:
            args = [w.replace(b'${TMP}', self.tmp.encode()) for w in value]
            run = subprocess.run([self.binary] + args, env=self.env, cwd=self.tmp,
                                 capture_output=True, timeout=120)
            stdout = self.same(run.stdout)
            if args and args[0] == b'check':
                stdout = verdicts(stdout)
            return run.returncode, stdout, self.same(run.stderr)
        return None

    def query(self, sql):
        """A golden case's `=` check on the database the case is using: sqlite3 on a file, psql
        (as the server's owner, who reads every table) on the server. Rows as 'a|b|c' lines."""
        target = self.env.get('NEEDLEBOOK_DB', self.target)
        sql = sql.replace('${TMP}', self.tmp)
        if target.startswith('postgresql:'):
            run = subprocess.run(['psql', '-X', '-q', '-A', '-t', '-F', '|', '-v',
                                  'ON_ERROR_STOP=1', '-d', target, '-c', sql],
                                 capture_output=True, timeout=120)
        else:
            run = subprocess.run(['sqlite3', os.path.join(self.tmp, target), sql],
                                 capture_output=True, timeout=120)
        if run.returncode != 0:
            return 'sql', 'error', run.stderr.decode(errors='replace').strip()
        return 'sql', 'rows', canonical_rows(self.same(run.stdout))

    def as_login(self, kind, value):
        """On the server, the acting user logs in instead of being named."""
        if kind == 'env' and value[0] == 'NEEDLEBOOK_USER':
            login_role(value[1])
            return 'env', ('PGUSER', value[1])
        if kind == 'unset' and value == 'NEEDLEBOOK_USER':
            return 'env', ('PGUSER', 'tester')
        if kind == 'run' and b'--as' in value:
            at = value.index(b'--as')
            name = value[at + 1].decode()
            login_role(name)
            saved = self.env.get('PGUSER')
            self.env['PGUSER'] = name
            try:
                return 'result', self.step('run', value[:at] + value[at + 2:])
            finally:
                self.env['PGUSER'] = saved
        return kind, value

    def same(self, text):
        """Output with this engine's names written alike."""
        text = text.replace(self.target.encode(), b'<database>')
        return text.replace(self.tmp.encode(), b'<tmp>')


def main():
    binary, cases = os.path.abspath(sys.argv[1]), sys.argv[2:]
    failures = skipped = 0
    sqlite_only = []
    login_role('tester')
    for number, case in enumerate(cases):
        name = os.path.basename(case)
        if name in SKIPPED:
            print(f'skipped: {name} ({SKIPPED[name]})')
            skipped += 1
            continue
        database = f'same_{os.getpid()}_{number}'
        psql(f'CREATE DATABASE {database}')
        sqlite_tmp, pg_tmp = tempfile.mkdtemp(), tempfile.mkdtemp()
        try:
            sqlite = Engine(binary, case, os.path.join(sqlite_tmp, 'clinic.db'), sqlite_tmp)
            server = Engine(binary, case, f'postgresql:///{database}', pg_tmp, server=True)
            commands = checks = 0
            for kind, value in steps_of(case):
                a, b = sqlite.step(kind, value), server.step(kind, value)
                if a is None:
                    continue
                if kind == 'sql':
                    if a[1] == 'error':
                        raise RuntimeError(f'{name}: the check fails on SQLite: {value}: {a[2]}')
                    if b[1] == 'error':  # SQLite's own SQL (printf, PRAGMA …): its output is golden
                        sqlite_only.append(f'{name}: {value[:70]}… ({b[2].splitlines()[0][:60]})')
                        continue
                    checks += 1
                    if a != b:
                        failures += 1
                        print(f'FAIL {name}: = {value}\n  SQLite:     {a[2]!r}'[:2000])
                        print(f'  PostgreSQL: {b[2]!r}'[:2000])
                        break
                    continue
                commands += 1
                if a != b:
                    failures += 1
                    words = b' '.join(value).decode(errors='replace')
                    print(f'FAIL {name}: needlebook {words}')
                    for label, x, y in (('exit', a[0], b[0]), ('stdout', a[1], b[1]),
                                        ('stderr', a[2], b[2])):
                        if x != y:
                            print(f'  {label} on SQLite:     {x!r}'[:2000])
                            print(f'  {label} on PostgreSQL: {y!r}'[:2000])
                    break  # later steps build on this one
            else:
                print(f'ok: {name} ({commands} commands and {checks} "=" checks alike)')
        finally:
            shutil.rmtree(sqlite_tmp, ignore_errors=True)
            shutil.rmtree(pg_tmp, ignore_errors=True)
            psql(f'DROP DATABASE IF EXISTS {database} WITH (FORCE)')
    for check in sqlite_only:
        print(f'"=" check in SQLite\'s own SQL, compared on SQLite only: {check}')
    print(f'{len(cases) - failures - skipped} of {len(cases) - skipped} cases alike on SQLite and '
          f'PostgreSQL; {skipped} skipped; {len(sqlite_only)} "=" checks in SQLite\'s own SQL')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
