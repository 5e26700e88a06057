#!/usr/bin/env bash
# Hostile-input sweep of the oci-sign CLI (Docs/hardening.md, "round two"): ~100 invented inputs
# across sign, verify, dump, explain, config check, fingerprint, vectors. Prints one line per
# failing case (crash, hang, memory > 256 MiB, leak, wrong success, unclear error, raw control
# byte, echo > 4 KiB) and the counts. Needs openssl and python3; writes only under a temp dir.
#   scripts/hostile-sweep.sh .build/debug/oci-sign
B="${1:?usage: hostile-sweep.sh OCI_SIGN_BINARY [LABEL]}"; L="${2:-sweep}"; W=$(mktemp -d /tmp/oci-sweep-XXXXXX); R="$(cd "$(dirname "$0")/.." && pwd)"
K=$R/Vectors/keys/rsa2048.pem; P=$R/Vectors/keys/rsa2048.pub.pem; FP=$(cat $R/Vectors/keys/rsa2048.fingerprint)
KID="ocid1.tenancy.oc1..aaa/ocid1.user.oc1..bbb/$FP"; D='Thu, 05 Jan 2014 21:31:40 GMT'
SECRET=$(sed -n 5p $K | cut -c1-24); JWTB="eyJleHAiOjIwMDAwMDAwMDB9ZnV6ei10b2tlbi1zaWduYXR1cmUtYm9keQ"
total=0; fails=0; declare -A klass
# check NAME EXPECT(refuse|ok|usage) CMD... ; stdin from $IN if set
check() {
  local name="$1" expect="$2"; shift 2; total=$((total+1))
  local out=$W/out.$$ err=$W/err.$$ tm=$W/time.$$
  if [ -n "${IN:-}" ]; then timeout ${TO:-30} /usr/bin/time -f "%M" -o $tm "$@" <"$IN" >$out 2>$err; else timeout ${TO:-30} /usr/bin/time -f "%M" -o $tm "$@" </dev/null >$out 2>$err; fi
  local rc=$? rss; rss=$(tail -1 $tm 2>/dev/null | grep -E '^[0-9]+$' || echo 0)
  local why=""
  if [ $rc = 124 ]; then why=hang
  elif grep -q "Command terminated by signal" $tm 2>/dev/null || [ $rc -ge 128 ]; then why=crash
  elif [ "${rss:-0}" -gt 262144 ]; then why="memory(${rss}KB)"
  elif grep -aqF -e "$SECRET" -e "$JWTB" $out $err; then why=leak
  elif [ $expect = refuse ] && [ $rc = 0 ]; then why=wrong-success
  elif [ $expect = usage ] && [ $rc != 64 ]; then why="wrong-status($rc)"
  elif [ $expect = ok ] && [ $rc != 0 ]; then why="refused($(head -c 200 $err | tr '\n' ' '))"
  elif [ $expect = refuse ] && ! grep -aqE '\[[a-zA-Z]+\]|(invalid|verification): [a-zA-Z]+:' $err $out; then why="unclear($(head -c 150 $err | tr '\n' ' '))"
  elif LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f\x7f]' $err; then why=raw-control-byte
  elif [ $(wc -c < $err) -gt 4096 ]; then why="echo($(wc -c < $err) bytes)"
  fi
  if [ -n "$why" ]; then local c="${why%%[(]*}"; fails=$((fails+1)); klass[$c]=$(( ${klass[$c]:-0} + 1 )); echo "FAIL $name: $why"; fi
  rm -f $out $err $tm
}
S() { check "$1" "$2" $B sign --key-file $K --key-id "$KID" --date "$D" "${@:3}"; }
req() { printf "%s" "$2" > $W/$1.http; echo $W/$1.http; }
H='Host: iaas.us-ashburn-1.oraclecloud.com'
# -- class 1: header limits
python3 -c "
import sys
open('$W/many.http','w').write('GET / HTTP/1.1\n$H\n' + ''.join('a%d: b\n'%i for i in range(4000)) + '\n')
open('$W/bytes.http','w').write('GET / HTTP/1.1\n$H\n' + ''.join('x-%d: %s\n'%(i,'q'*60000) for i in range(60)) + '\n')
open('$W/huge1.http','w').write('GET / HTTP/1.1\n$H\nx-big: ' + 'z'*300000 + '\n\n')
open('$W/70k.http','w').write('GET / HTTP/1.1\n$H\n' + 'a: b\n'*70000 + '\n')
"
S many-small-headers refuse $W/many.http; S header-bytes-60x60k refuse $W/bytes.http; S one-300k-header refuse $W/huge1.http; S 70k-fields refuse $W/70k.http
check verify-70k-fields refuse $B verify --public-key $P --now "$D" $W/70k.http
check dump-70k-fields refuse $B dump --key-file $K --key-id "$KID" $W/70k.http
# -- class 2: files
mkfifo $W/fifo 2>/dev/null; mkdir -p $W/dir; ln -sf $W/la $W/lb; ln -sf $W/lb $W/la
python3 -c "import socket; s=socket.socket(socket.AF_UNIX); s.bind('$W/sock')" 2>/dev/null
for f in fifo dir sock la; do S "request-$f" refuse $W/$f; check "key-$f" refuse $B sign --key-file $W/$f --key-id "$KID" $(req g "GET / HTTP/1.1
$H

"); check "pub-$f" refuse $B verify --public-key $W/$f --now "$D" $W/g.http; check "fingerprint-$f" refuse $B fingerprint $W/$f; check "config-$f" refuse $B config check --config-file $W/$f; done
S request-devurandom refuse /dev/urandom; check key-devzero refuse $B sign --key-file /dev/zero --key-id "$KID" $W/g.http
check pub-devurandom refuse $B verify --public-key /dev/urandom --now "$D" $W/g.http
printf 'POST /n/o HTTP/1.1\n%s\nContent-Type: application/octet-stream\n\n' "$H" > $W/big.http; truncate -s $((3*1024*1024*1024)) $W/big.http
TO=240 S sign-3GiB-sparse-body ok $W/big.http
TO=240 check verify-3GiB-unsigned refuse $B verify --public-key $P --now "$D" $W/big.http
head -c $((80*1024*1024)) /dev/zero > $W/80m.bin; (printf 'POST / HTTP/1.1\n%s\n\n' "$H"; cat $W/80m.bin) > $W/stdin80.http
IN=$W/stdin80.http S stdin-80MiB refuse -; rm -f $W/80m.bin $W/stdin80.http
truncate -s $((40*1024*1024)) $W/bigcfg; check config-40MiB refuse $B config check --config-file $W/bigcfg
truncate -s $((5*1024*1024)) $W/bigkey; check key-5MiB refuse $B fingerprint $W/bigkey
# -- class 3: work
python3 -c "
open('$W/cfg-sections','w').write(''.join('[p%d]\nuser=u\n'%i for i in range(200000)))
open('$W/cfg-keys','w').write('[DEFAULT]\n' + ''.join('k%d=v\n'%i for i in range(120000)))
"
TO=240 check config-200k-sections refuse $B config check --config-file $W/cfg-sections --profile p199999
TO=240 check config-120k-keys refuse $B config check --config-file $W/cfg-keys
python3 -c "
names=' '.join('h%d'%i for i in range(6000))
open('$W/explain6k.http','w').write('GET / HTTP/1.1\n$H\ndate: $D\nauthorization: Signature version=\"1\",keyId=\"a/b/c\",algorithm=\"rsa-sha256\",headers=\"date (request-target) host '+names+'\",signature=\"AAAA\"\n' + ''.join('h%d: v\n'%i for i in range(900)) + '\n')
"
check explain-6000-names refuse $B explain --public-key $P --now "$D" $W/explain6k.http
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $W/k.pem 2>/dev/null
echo -n 'correct horse' > $W/pw
for c in aes-256-cbc aes-128-cbc des-ede3-cbc camellia-256-cbc aria-256-cbc sm4-cbc des-cbc; do
  openssl pkcs8 -topk8 -in $W/k.pem -v2 $c -passout file:$W/pw -out $W/k-$c.pem 2>/dev/null || { openssl pkcs8 -topk8 -in $W/k.pem -v2 $c -passout file:$W/pw -out $W/k-$c.pem -provider legacy -provider default 2>/dev/null || continue; }
  check "pkcs8-$c" ok $B fingerprint --passphrase-file $W/pw $W/k-$c.pem
done
openssl pkcs8 -topk8 -in $W/k.pem -v2 aes-256-cbc -iter 5000000 -passout file:$W/pw -out $W/k-iter.pem 2>/dev/null; check pbkdf2-5M-iterations refuse $B fingerprint --passphrase-file $W/pw $W/k-iter.pem
openssl pkcs8 -topk8 -in $W/k.pem -scrypt -scrypt_N 4194304 -scrypt_r 8 -scrypt_p 1 -passout file:$W/pw -out $W/k-scrypt.pem 2>/dev/null && check scrypt-N2^22 refuse $B fingerprint --passphrase-file $W/pw $W/k-scrypt.pem
for n in 1 1023 1024 1026 8191 65536; do head -c $n /dev/zero | tr '\0' 'p' > $W/pw$n; openssl pkcs8 -topk8 -in $W/k.pem -v2 aes-256-cbc -passout pass:"$(cat $W/pw$n)" -out $W/k-pw$n.pem 2>/dev/null && check "passphrase-$n-bytes" ok $B fingerprint --passphrase-file $W/pw$n $W/k-pw$n.pem; done
# -- class 4: keys
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out $W/k1024.pem 2>/dev/null; openssl pkey -in $W/k1024.pem -pubout -out $W/p1024.pem
check verify-1024-pub-no-flag refuse $B verify --public-key $W/p1024.pem --now "$D" $R/Vectors/cases/doc-get/signed.http
cat $K $W/k.pem > $W/two.pem; check two-keys-in-pem refuse $B sign --key-file $W/two.pem --key-id "$KID" $W/g.http
# -- class 5: secrets
for spelling in 'KeyID="ST$'"$JWTB"'.sig"' 'keyid: ST$'"$JWTB"'.x.y' "keyId = 'ST\$$JWTB.aa.bb'" 'kid="'"eyJ$JWTB.aa.bb"'"'; do
  printf 'GET / HTTP/1.1\n%s\ndate: %s\nauthorization: Signature algorithm="ed25519",%s,headers="date",signature="AAAA"\n\n' "$H" "$D" "$spelling" > $W/tok.http
  check "dump-token-$spelling" any $B dump --key-file $K --key-id "$KID" $W/tok.http
  check "explain-token-$spelling" refuse $B explain --public-key $P --now "$D" $W/tok.http
  check "verify-token-$spelling" refuse $B verify --public-key $P --now "$D" $W/tok.http
done
printf '[DEFAULT]\nuser=ocid1.user.oc1..aaa\nfingerprint=%s\ntenancy=%s\nregion=us-ashburn-1\nkey_file=%s\n' "$FP" "$(sed -n 7p $K)" "$K" > $W/leakcfg
check config-keyline-as-tenancy refuse $B config check --config-file $W/leakcfg
# -- class 6: unsendable
for t in '/a{b}' '/a"b' '/%g1' '/a%' '/x?y=<z>' '/x^y' '/x`y' '/a\b' '/p|q' '/%4'; do S "target-$t" refuse $(req t "GET $t HTTP/1.1
$H

"); done
for d in 'Date: Mon, 32 Foo 2020 99:99:99 GMT' 'X-Date:' 'Date: 2014-01-05T21:31:40Z' 'X-Date: now' 'Date: Thu, 05 Jan 2014 21:31:40 UTC'; do S "date-$d" refuse $(req d "GET / HTTP/1.1
$H
$d

"); done
for k in 'ocid1.tenancy\x/u/f' "$(head -c 20000 /dev/zero | tr '\0' k)" "$(printf 'a\tb')" 'a"b'; do check "keyid-${k:0:12}" refuse $B sign --key-file $K --key-id "$k" --date "$D" $W/g.http; done
for h in 'Host: u@h.example' 'Host: h.example:70000' 'Host: h.example:8x' 'Host: [fe80::1' 'Host: h.example/x' 'Host: h:1:2'; do S "host-$h" refuse $(req h "GET / HTTP/1.1
$h

"); done
S transfer-encoding-gzip refuse $(req te "POST / HTTP/1.1
$H
Transfer-Encoding: gzip

abc")
# verifier: signed request then target edited
$B sign --key-file $K --key-id "$KID" --date "$D" $W/g.http > $W/signed.http 2>/dev/null
sed '1s#GET / #GET /a|b #' $W/signed.http > $W/vt.http; check verify-target-pipe refuse $B verify --public-key $P --now "$D" $W/vt.http
sed 's/headers="date (request-target) host"/headers="date\t(request-target) host"/' $W/signed.http > $W/vtab.http; check verify-tab-headers refuse $B verify --public-key $P --now "$D" $W/vtab.http
grep -q 'unsupported\|malformed' /dev/null
# -- class 7: options and paths
check max-skew-minus-1 usage $B verify --public-key $P --max-skew -1 --now "$D" $W/signed.http
check max-skew-very-negative usage $B verify --public-key $P --max-skew -9999999999 --now "$D" $W/signed.http
printf '[DEFAULT]\nuser=u\nfingerprint=%s\ntenancy=t\nregion=us-ashburn-1\nkey_file=%s\0.bak\n' "$FP" "$K" > $W/nulcfg; check config-nul-in-key-file refuse $B config check --config-file $W/nulcfg
printf '[DEFAULT]\nuser=u\nfingerprint=%s\ntenancy=t\nregion=us-ashburn-1\nkey_file=%s\n' "$FP" "$W/la" > $W/loopcfg; check config-key-file-loop refuse $B config check --config-file $W/loopcfg
mkdir -p $W/vs/cases; printf '{"numberOfCases": 1, "cases": [' > $W/vs/manifest.json; check vectors-truncated-manifest refuse $B vectors $W/vs
printf '[1,2]' > $W/vs/manifest.json; check vectors-array-manifest refuse $B vectors $W/vs
rm -f $W/vs/manifest.json; mkdir -p $W/vs/manifest.json; check vectors-manifest-dir refuse $B vectors $W/vs; rmdir $W/vs/manifest.json
# -- class 8: hygiene
check date-option-bel-100k refuse $B sign --key-file $K --key-id "$KID" --date "$(printf '\a\e[2J')$(head -c 100000 /dev/zero | tr '\0' x)" $W/g.http
check key-file-esc-path refuse $B sign --key-file "$(printf '/tmp/\e]0;pwn\a')" --key-id "$KID" $W/g.http
printf '[DEFAULT]\nuser=u\x1b[31m\nfingerprint=%s\ntenancy=%s\nregion=us-ashburn-1\nkey_file=%s\n' "$FP" "$(head -c 3000000 /dev/zero | tr '\0' t)" "$K" > $W/bigval; check config-3MB-tenancy refuse $B config check --config-file $W/bigval
echo "== $L: $fails of $total failing; by class: $(for k in "${!klass[@]}"; do printf '%s=%s ' $k ${klass[$k]}; done)"
rm -f $W/big.http $W/bigcfg $W/cfg-sections $W/cfg-keys
rm -rf "$W"
