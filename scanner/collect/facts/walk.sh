# SPDX-License-Identifier: Apache-2.0
# The shared file-system walk: each entry of the walked places visited once (-xdev from each
# start) for every walk-based fact asked for, each a tag of $fs_walk_tags: S set-uid and set-gid
# files under /bin /sbin /usr /opt (find_setuid), U files of no known owner or group under /etc
# /usr /opt (find_unowned), W world-writable files under /etc /usr /opt /boot /srv
# (find_world_writable), D world-writable directories without the sticky bit on the walked file
# systems (find_ww_dirs), L files under /var/log open to others (logfiles_perm). Lines "T PATH"
# (at most 500 for S, 200 for the others, then "T # more N"); "# by id" when owners were compared
# with the account databases (busybox find has no -nouser or -printf: stat instead); "# walked N
# S" at the end, or "# cut N S" when the walk hit its budget ($fs_walk_max_files entries,
# $fs_walk_max_s seconds): then every part is unproven. floorscan splits the lines
# (scanner/collect/walk.c).
# flags: slow big
# shellcheck disable=SC2154 # fs_walk_tags and the budget are set by the script, fs_nl by the prologue
fs_f_walk() {
  echo "# walk $fs_walk_tags"
  [ -n "$fs_walk_tags" ] || return 0
  if find / -maxdepth 0 \( -printf '' , -nouser \) >/dev/null 2>&1; then
    fs_known=
    case $fs_walk_tags in
      *U*)
        # -nouser and -nogroup ask the account database for every file (glibc reads
        # /etc/passwd again for each: about 35 us a file, most of the walk's cost). Instead the
        # ids of the account files are compared as numbers; an owner outside them is printed
        # with its ids, and fs_walk_awk asks getent once per such id (LDAP or sssd accounts are
        # owners too). Account files with more ids than a command line should carry, or no getent:
        # -nouser. Ids of more than 9 digits are left to getent.
        # without getent an owner outside the files could not be told from an unknown one
        if command -v getent >/dev/null 2>&1 && fs_safe /etc/passwd && fs_safe /etc/group; then
          # shellcheck disable=SC2016 # awk's fields
          fs_known=$(fs_awk -F: '
            # more ids than a command line should carry: stop reading (and give -nouser)
            function one(k, opt) {
              if ((k $3) in s) return
              s[k $3]
              if (++n > 512) { over = 1; exit }
              return opt " " $3
            }
            FILENAME == "/etc/passwd" && $3 ~ /^[0-9][0-9]?[0-9]?[0-9]?[0-9]?[0-9]?[0-9]?[0-9]?[0-9]?$/ {
              x = one("u", "-uid"); if (x != "") u = u (u == "" ? "" : " -o ") x
            }
            FILENAME == "/etc/group" && $3 ~ /^[0-9][0-9]?[0-9]?[0-9]?[0-9]?[0-9]?[0-9]?[0-9]?[0-9]?$/ {
              x = one("g", "-gid"); if (x != "") g = g (g == "" ? "" : " -o ") x
            }
            END { if (!over && u != "" && g != "") print u "|" g }' /etc/passwd /etc/group)
        fi
        ;;
    esac
    # GNU find, one per group of places with the same parts, so that no entry is tested
    # against place patterns (-path for every entry was half the walk's cost); the rest of /
    # last, for D, with the places walked already pruned. One pipe, one budget, one count.
    fs_walked=
    {
      fs_walk_find SUWD /usr /opt
      fs_walk_find UWD /etc
      fs_walk_find SD /bin /sbin
      fs_walk_find WD /boot /srv
      fs_walk_find LD /var/log
      fs_walk_find D /
    } | fs_walk_awk gnu -
  else
    set --
    for d in /bin /sbin /usr /opt /etc /boot /srv /var/log; do
      case $d:$fs_walk_tags in
        /bin:*S* | /sbin:*S* | /usr:*[SUW]* | /opt:*[SUW]* | /etc:*[UW]* | /boot:*W* | /srv:*W*) ;;
        /var/log:*L*) ;;
        *) continue ;;
      esac
      [ -d "$d" ] && set -- "$@" "$d"
    done
    case $fs_walk_tags in
      *D*)
        # everything from /; a place on another file system than / is a start of its own
        fs_devs=$(fs_run 0 stat -c '%d %n' / "$@") || return 2
        set -f
        fs_ifs=$IFS
        IFS=$fs_nl
        # shellcheck disable=SC2086 # one line per place, split on purpose (globbing off)
        set -- $fs_devs
        fs_rdev=${1%% *}
        shift
        fs_starts=/
        for l in "$@"; do
          [ "${l%% *}" = "$fs_rdev" ] || fs_starts="$fs_starts$fs_nl${l#* }"
        done
        # shellcheck disable=SC2086 # as above
        set -- $fs_starts
        IFS=$fs_ifs
        set +f
        ;;
    esac
    [ $# -gt 0 ] || return 0
    # busybox find: mode, owner and group of every entry, owners compared by id
    echo '# by id'
    case $fs_walk_tags in
      *U*)
        fs_safe /etc/passwd && fs_safe /etc/group || return 2
        fs_run 0 find "$@" -xdev -exec stat -c '%f %u %g %n' {} + |
          fs_walk_awk id /etc/passwd /etc/group -
        ;;
      *) fs_run 0 find "$@" -xdev -exec stat -c '%f %u %g %n' {} + | fs_walk_awk id - ;;
    esac
  fi
}
# fs_walk_find PARTS PLACE...: a GNU find over those PLACEs that are directories (or links to
# one), -xdev from each, for the parts of PARTS that were asked for: a "." per entry to count it
# and a tagged line per match. Each part's tests start with -type (from the directory entry) or
# a mode, so an entry is stat()ed only where a part needs its mode or owner. PLACE "/" is the
# rest of the root file system: the places walked before are pruned there.
fs_walk_find() {
  fs_p=
  for t in S U W D L; do
    case $1:$fs_walk_tags in *"$t"*:*"$t"*) fs_p=$fs_p$t ;; esac
  done
  shift
  [ -n "$fs_p" ] || return 0
  fs_n=$#
  for d in "$@"; do
    [ -d "$d" ] || continue
    # A place that is a link to a directory is walked through it (find -H, its lines still
    # under the place's name: Yocto's /var/log -> volatile/log), but for merged /usr's /bin and
    # /sbin, which lead into /usr, walked for every part they have.
    # shellcheck disable=SC3013 # dash, bash and busybox ash have -ef
    [ -L "$d" ] && [ -d "/usr$d" ] && [ "$d" -ef "/usr$d" ] && continue
    set -- "$@" "$d"
  done
  shift "$fs_n"
  [ $# -gt 0 ] || return 0
  set -- "$@" -xdev
  if [ "$1" = / ]; then
    if [ -n "$fs_walked" ]; then
      set -f
      # shellcheck disable=SC2086 # "-path /usr -o -path /opt ...": split into words on purpose
      set -- "$@" \( -type d \( $fs_walked \) -prune \) -o
      set +f
    fi
  else
    for d in "$@"; do
      case $d in
        -xdev) break ;;
        *) fs_walked="$fs_walked${fs_walked:+ -o }-path $d" ;;
      esac
    done
  fi
  # a "." per entry before its lines, and a newline after a directory's: the awk reads a record
  # per directory (or per line of a part), not one per entry
  set -- "$@" \( -printf . , \( -type d -printf '\n' \) ,
  case $fs_p in
    *S*) set -- "$@" \( -type f -perm /6000 -printf 'S %p\n' \) , ;;
  esac
  case $fs_p:$fs_known in
    *U*:-uid*'|'-gid*)
      fs_u=${fs_known%%'|'*} fs_g=${fs_known#*'|'}
      # root:root, the owner of nearly every file, told in two tests before the lists (find
      # evaluates an -o chain from its far end: two lists of ids cost half the walk's own time)
      fs_pre=-true
      case " $fs_u | $fs_g " in *" -uid 0 "*'|'*" -gid 0 "*) fs_pre='( ! -uid 0 -o ! -gid 0 )' ;; esac
      set -f
      # shellcheck disable=SC2086 # "-uid 0 -o -uid 1 ...": split into words on purpose
      set -- "$@" \( $fs_pre \( \( ! \( $fs_u \) \) -o \( ! \( $fs_g \) \) \) -printf 'U %U:%G %p\n' \) ,
      set +f
      ;;
    *U*) set -- "$@" \( \( -nouser -o -nogroup \) -printf 'U %p\n' \) , ;;
  esac
  case $fs_p in
    *W*) set -- "$@" \( -type f -perm -0002 -printf 'W %p\n' \) , ;;
  esac
  case $fs_p in
    *D*) set -- "$@" \( -type d -perm -0002 ! -perm -1000 -printf 'D %p\n' \) , ;;
  esac
  case $fs_p in
    *L*) set -- "$@" \( -type f -perm /006 -printf 'L %p\n' \) , ;;
  esac
  fs_run 0 find -H "$@" -true \)
}
# fs_walk_awk MODE FILE...: the walk's records classified, capped and counted against the budget.
fs_walk_awk() {
  fs_m=$1
  shift
  # shellcheck disable=SC2154 # the budget is set by the script (scanner/collect/script.c)
  fs_awk -v mode="$fs_m" -v tags="$fs_walk_tags" -v maxf="$fs_walk_max_files" \
    -v maxs="$fs_walk_max_s" '
    function now() { srand(); return srand() }
    function cut(k) { print "# cut " k " " now() - t0; cutting = 1; exit }
    function tick() {
      if (++n > maxf + 0) cut(n - 1)
      if (n % 1000 == 0 && now() - t0 >= maxs + 0) cut(n)
    }
    # k entries more (GNU find: a run of dots)
    function ticks(k) {
      if (n + k > maxf + 0) cut(maxf + 0)
      n += k
      if (int(n / 1000) != int((n - k) / 1000) && now() - t0 >= maxs + 0) cut(n)
    }
    function inr(p, list,   k, a, i) {
      k = split(list, a, " ")
      for (i = 1; i <= k; i++)
        if (p == a[i] || substr(p, 1, length(a[i]) + 1) == a[i] "/") return 1
      return 0
    }
    function cap(c) { return c == "S" ? 500 : 200 }
    function add(c, p) {
      if (index(tags, c) == 0) return
      if (c == "S" && !inr(p, "/bin /sbin /usr /opt")) return
      if (c == "U" && !inr(p, "/etc /usr /opt")) return
      if (c == "W" && !inr(p, "/etc /usr /opt /boot /srv")) return
      if (c == "L" && !inr(p, "/var/log")) return
      last = c
      if (++cnt[c] <= cap(c)) print c " " p; else more[c]++
    }
    # the rest of a name with a newline: a line of the same part (junk there, never a pass)
    function cont() { if (last != "" && cnt[last] <= cap(last)) print last " " $0 }
    function hex(s,   i, v) {
      v = 0
      for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
      return v
    }
    function bit(v, b) { return int(v / b) % 2 }
    BEGIN { t0 = now() }
    mode == "id" && FILENAME == "/etc/passwd" { split($0, a, ":"); u[a[3]] = 1; next }
    mode == "id" && FILENAME == "/etc/group" { split($0, a, ":"); g[a[3]] = 1; next }
    # an owner outside the account files: unknown unless getent knows it (asked once per id)
    function known(db, id,   cmd, r) {
      if ((db id) in seen) return seen[db id]
      r = ""
      cmd = "getent " db " " id " 2>/dev/null"
      cmd | getline r
      close(cmd)
      return seen[db id] = (r != "")
    }
    mode == "gnu" {
      # the dots of the entries before a line: a new entry, so no name goes on
      if (match($0, /^[.]+/)) { ticks(RLENGTH); last = ""; $0 = substr($0, RLENGTH + 1) }
      if ($0 == "") next
      c = substr($0, 1, 1)
      if (c == "U" && match($0, /^U [0-9]+:[0-9]+ /)) {
        last = ""
        split(substr($0, 3, RLENGTH - 3), id, ":")
        if (!known("passwd", id[1]) || !known("group", id[2])) add("U", substr($0, RLENGTH + 1))
        next
      }
      if (substr($0, 2, 1) == " " && index("SUWDL", c) > 0) { last = ""; add(c, substr($0, 3)); next }
      cont()
      next
    }
    $1 ~ /^[0-9a-f]+$/ && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ && NF >= 4 {
      p = $0
      sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", p)
      if (substr(p, 1, 1) == "/") {
        tick()
        last = ""
        m = hex($1); ty = int(m / 4096); pm = m % 4096
        if (ty == 8 && (bit(pm, 2048) || bit(pm, 1024))) add("S", p)
        if (!(($2) in u) || !(($3) in g)) add("U", p)
        if (ty == 8 && bit(pm, 2)) add("W", p)
        if (ty == 4 && bit(pm, 2) && !bit(pm, 512)) add("D", p)
        if (ty == 8 && (bit(pm, 4) || bit(pm, 2))) add("L", p)
        next
      }
    }
    { cont() }
    END {
      if (cutting) exit
      for (i = 1; i <= 5; i++) { c = substr("SUWDL", i, 1); if (more[c]) print c " # more " more[c] }
      print "# walked " n " " now() - t0
    }' "$@"
}
