# SPDX-License-Identifier: Apache-2.0
# Credential files of tools in the home of every account of /etc/passwd and in /root: git
# (.git-credentials, .config/git/credentials), registries (.docker/config.json,
# .config/containers/auth.json, .npmrc, .pypirc, .gem/credentials, .cargo/credentials*),
# .netrc, gh, cloud and cluster tokens (.aws/credentials, .kube/config, .vault-token ...),
# database passwords (.pgpass, .my.cnf). Lines: "# homes N" (directories looked into),
# "c UID MODE FUID PATH" per file found (UID the account's, FUID the file's owner; links
# followed); "# more N" when cut.
# flags: root
# shellcheck disable=SC2154 # fs_nl is set by the prologue
fs_f_home_credentials() {
  fs_need stat || return 2
  # /root too where /etc/passwd gives root another home; an unreadable passwd is reported by
  # fs_cat (the fact is then unproven)
  { fs_cat /etc/passwd; echo; echo 'root:x:0:0::/root:'; } | {
    seen=$fs_nl
    n=0
    while IFS=: read -r _ _ uid _ _ home _; do
      case $uid in '' | *[!0-9]*) continue ;; esac
      case $home in /*) ;; *) continue ;; esac
      [ "$home" = / ] && continue
      case $seen in *"$fs_nl$home$fs_nl"*) continue ;; esac
      seen="$seen$home$fs_nl"
      [ -d "$home" ] || continue
      n=$((n + 1))
      [ "$n" -le 5000 ] || continue
      set --
      for c in .git-credentials .config/git/credentials .docker/config.json \
        .config/containers/auth.json .npmrc .pypirc .netrc .config/gh/hosts.yml \
        .config/hub .aws/credentials .aws/config .kube/config .vault-token .pgpass .my.cnf \
        .gem/credentials .cargo/credentials .cargo/credentials.toml \
        .m2/settings-security.xml .terraform.d/credentials.tfrc.json \
        .config/gcloud/credentials.db .azure/accessTokens.json .azure/msal_token_cache.json; do
        [ -f "$home/$c" ] && set -- "$@" "$home/$c"
      done
      [ $# -gt 0 ] && fs_run 0 stat -L -c "c $uid %a %u %n" -- "$@"
    done
    echo "# homes $n"
  } | fs_first 300
  return 0
}
