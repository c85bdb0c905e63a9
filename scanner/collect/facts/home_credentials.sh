# SPDX-License-Identifier: Apache-2.0
# Credential files of tools in the home of every account of /etc/passwd and in /root: git
# (.git-credentials, .config/git/credentials), registries (.docker/config.json,
# .config/containers/auth.json, .npmrc, .pypirc, .gem/credentials, .cargo/credentials*),
# .netrc, gh, cloud and cluster tokens (.aws/credentials, .kube/config, .vault-token ...),
# database passwords (.pgpass, .my.cnf). Lines: "# homes N" (directories looked into),
# "c UID MODE FUID PATH" per file found (UID the account's, FUID the file's owner; links
# followed); "# more N" when cut.
# flags: root
fs_f_home_credentials() {
  fs_need stat || return 2
  # /root too where /etc/passwd gives root another home; an unreadable passwd is reported by
  # fs_cat (the fact is then unproven). awk keeps each absolute home once (a device with 100 000
  # accounts sharing /nonexistent costs one awk, not 100 000 shell reads).
  { fs_cat /etc/passwd; echo; echo 'root:x:0:0::/root:'; } |
    fs_awk -F: '$3 ~ /^[0-9]+$/ && $6 ~ /^\/./ && !seen[$6]++ { print $3 ":" $6 }' | {
    n=0
    skip=0
    while IFS=: read -r uid home; do
      [ -d "$home" ] || continue
      if [ "$n" -ge 5000 ]; then
        skip=$((skip + 1)) # not looked into: the listing says it was cut
        continue
      fi
      n=$((n + 1))
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
    [ "$skip" -eq 0 ] || echo "# more $skip"
    echo "# homes $n"
  } | fs_first 300
  return 0
}
