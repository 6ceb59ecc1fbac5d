#!/usr/bin/env python3
"""Rewrites a golden case's expected output with what the binary prints now.

Usage: python3 tests/cli/bless.py /ABSOLUTE/PATH/TO/needlebook tests/cli/cases/NAME.t

For a maintainer after a deliberate change of output: it runs each `$` command the way
golden_runner does (same environment, fixed clock, a fresh temporary folder) and replaces the
`>`, `!` and `?` lines after it, and the `>` rows after each `=` query. Review `git diff`
before committing: the case then asserts whatever the program printed. Where the case already
used ${SHA256} or ${OS_USER}, hashes and the account name are written back as placeholders.
Commands are run by bash, which splits words as the runner does for the quoting cases use.
"""
import os
import pwd
import re
import subprocess
import sys
import tempfile

binary, case = sys.argv[1], sys.argv[2]
if not os.path.isabs(binary):
    sys.exit("bless.py: give the binary's absolute path")
text = open(case).read()
lines = text.split('\n')
tmp = tempfile.mkdtemp()
env = {'NEEDLEBOOK_DB': tmp + '/clinic.db', 'NEEDLEBOOK_NOW': '2026-11-23T15:00:00Z',
       'TZ': 'Europe/London', 'NEEDLEBOOK_USER': 'tester', 'HOME': tmp, 'LC_ALL': 'C.UTF-8',
       'NO_COLOR': '1', 'PATH': os.environ['PATH']}
os_user = pwd.getpwuid(os.geteuid()).pw_name
uses_sha = '${SHA256}' in text
uses_user = '${OS_USER}' in text


def substituted(t):
    return t.replace('${TMP}', tmp).replace('${OS_USER}', os_user)


def placeholders(t):
    t = t.replace(tmp, '${TMP}')
    if uses_sha:
        t = re.sub(r'\b[0-9a-f]{64}\b', '${SHA256}', t)
    if uses_user:
        t = re.sub(r'\b' + re.escape(os_user) + r'\b', '${OS_USER}', t)
    return t


out = []


def emit(prefix, data):
    parts = data.split('\n')
    if parts and parts[-1] == '':
        parts.pop()
    for part in parts:
        if part.endswith('\r'):
            part = part[:-1] + '\\r'
        part = placeholders(part)
        out.append(prefix + (' ' + part if part else ''))


i = 0
while i < len(lines):
    line = lines[i]
    i += 1
    if line.startswith('%env '):
        name, value = line[5:].split('=', 1)
        env[name] = substituted(value)
    elif line.startswith('%unset '):
        env.pop(line[7:].strip(), None)
    elif line.startswith('%file '):
        name, hex_bytes = line[6:].split('=', 1)
        with open(os.path.join(tmp, name), 'wb') as written:
            written.write(bytes.fromhex(hex_bytes))
    elif line.startswith('$ ') or line.startswith('= '):
        out.append(line)
        expected = ('>', '!', '?') if line.startswith('$') else ('>',)
        while i < len(lines) and lines[i].startswith(expected):
            i += 1
        if line.startswith('$'):
            command = substituted(line[2:])
            assert command.startswith('needlebook'), line
            run = subprocess.run(['bash', '-c', binary + command[len('needlebook'):]], env=env,
                                 cwd=tmp, capture_output=True)
            emit('>', run.stdout.decode('utf-8', 'surrogateescape'))
            emit('!', run.stderr.decode('utf-8', 'surrogateescape'))
            if run.returncode != 0:
                out.append(f'? {run.returncode}')
        else:
            database = env['NEEDLEBOOK_DB']
            if not os.path.isabs(database):
                database = os.path.join(tmp, database)
            run = subprocess.run(['sqlite3', database, substituted(line[2:])],
                                 capture_output=True)
            emit('>', run.stdout.decode('utf-8', 'surrogateescape'))
        continue
    out.append(line)
open(case, 'w').write('\n'.join(out))
