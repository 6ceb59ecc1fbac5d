#!/usr/bin/env python3
# Rewrites a golden case file's expected outputs with what the binary prints now.
import os, subprocess, sys, tempfile, pwd
binary, case = sys.argv[1], sys.argv[2]
lines = open(case).read().split('\n')
tmp = tempfile.mkdtemp()
env = {'NEEDLEBOOK_DB': tmp + '/clinic.db', 'NEEDLEBOOK_NOW': '2026-11-23T15:00:00Z', 'TZ': 'Europe/London',
       'NEEDLEBOOK_USER': 'tester', 'HOME': tmp, 'LC_ALL': 'C.UTF-8', 'NO_COLOR': '1', 'PATH': os.environ['PATH']}
osuser = pwd.getpwuid(os.geteuid()).pw_name
def sub(t): return t.replace('${TMP}', tmp).replace('${OS_USER}', osuser)
def unsub(t): return t.replace(tmp, '${TMP}')
out = []
i = 0
def emit(prefix, text):
    if text == '':
        return
    parts = text.split('\n')
    if parts[-1] == '': parts = parts[:-1]
    for p in parts:
        if p.endswith('\r'): p = p[:-1] + '\\r'
        p = unsub(p)
        out.append(prefix + (' ' + p if p != '' else ''))
while i < len(lines):
    line = lines[i]
    if line.startswith('%env '):
        k, v = line[5:].split('=', 1); env[k] = sub(v); out.append(line); i += 1; continue
    if line.startswith('%unset '):
        env.pop(line[7:].strip(), None); out.append(line); i += 1; continue
    if line.startswith('$ '):
        out.append(line); i += 1
        while i < len(lines) and (lines[i].startswith('>') or lines[i].startswith('!') or lines[i].startswith('?')):
            i += 1
        cmd = sub(line[2:])
        assert cmd.startswith('needlebook')
        cmd = binary + cmd[len('needlebook'):]
        r = subprocess.run(['bash', '-c', cmd], env=env, cwd=tmp, capture_output=True)
        emit('>', r.stdout.decode('utf-8', 'surrogateescape'))
        emit('!', r.stderr.decode('utf-8', 'surrogateescape'))
        if r.returncode != 0: out.append(f'? {r.returncode}')
        continue
    if line.startswith('= '):
        out.append(line); i += 1
        while i < len(lines) and lines[i].startswith('>'):
            i += 1
        db = env['NEEDLEBOOK_DB']
        if not db.startswith('/'): db = tmp + '/' + db
        r = subprocess.run(['sqlite3', db, sub(line[2:])], capture_output=True)
        emit('>', r.stdout.decode())
        continue
    out.append(line); i += 1
open(case, 'w').write('\n'.join(out))
