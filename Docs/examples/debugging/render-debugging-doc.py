#!/usr/bin/env python3
"""Regenerates Docs/debugging.md from debugging.md.in: every line '@@ COMMAND' is replaced by
COMMAND and its real output (stdout and stderr interleaved, then the exit status).

Run from anywhere after `swift build`; uses .build/debug/oci-sign."""
import os, re, subprocess

root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
os.chdir(root)
env = dict(os.environ, PATH=os.path.join(root, '.build/debug') + ':' + os.environ['PATH'])
KEYID = ('ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq/'
         'ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq/'
         '73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7')

def run(match):
    cmd = match.group(1)
    script = 'set -o pipefail; E=Docs/examples/debugging; KEYID="%s"; { %s; } 2>&1; echo "[exit $?]"' % (KEYID, cmd)
    out = subprocess.run(['bash', '-c', script], capture_output=True, text=True, env=env).stdout
    return '```console\n$ ' + cmd + '\n' + out.rstrip('\n') + '\n```'

template = open('Docs/examples/debugging/debugging.md.in').read()
open('Docs/debugging.md', 'w').write(re.sub(r'^@@ (.*)$', run, template, flags=re.M))
