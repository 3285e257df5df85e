# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mapctl_global_optspecs
    string join \n config= o/output= no-input y/yes v/verbose q/quiet color= h/help V/version
end

function __fish_mapctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mapctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mapctl_using_subcommand
    set -l cmd (__fish_mapctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mapctl -n "__fish_mapctl_needs_command" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_needs_command" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_needs_command" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_needs_command" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_needs_command" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_needs_command" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_needs_command" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mapctl -n "__fish_mapctl_needs_command" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "integrations" -d 'The integrations mapctl knows: name, display name, discovery, configured, where defined'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "discover" -d 'List the organizations of an external system, with the MSP orgs mapped to each'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "test-connection" -d 'Check an integration\'s credentials and API; with an org, re-resolve its mappings'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "map" -d 'Create a mapping from an MSP org to an external org'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "unmap" -d 'Soft-delete (or purge) a mapping'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "list" -d 'List mappings'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "get" -d 'Show exactly one mapping'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "apply" -d 'Create, update and (with --prune) soft-delete mappings from a file'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "export" -d 'Print every active mapping in the format `apply -f` reads'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "orgs" -d 'The MSP\'s own organizations'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "doctor" -d 'Check configuration and the store; compare the two mapping indexes'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "history" -d 'The changes made to mappings, newest first'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "ignore" -d 'Mark external orgs that are not customers (the MSP itself, vendors, test tenants)'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "unignore" -d 'Take external orgs off the ignore list'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "exclude" -d 'Record that a customer does not use a system: no coverage, no suggestion there'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "include" -d 'Take an exclusion back: the org counts in the integration\'s coverage again'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "reject" -d 'Record that an external org is not this customer: suggest never proposes the pair again'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "unreject" -d 'Take a rejection back'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "sync-names" -d 'Set stored external org names to the external systems\' current names'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "status" -d 'Customers mapped per integration, and which need a mapping, are stale or renamed'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "suggest" -d 'Propose, for each MSP org without a mapping, the external org that is the same customer'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "config" -d 'Where the config file is, the effective configuration, and the file in an editor'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "man" -d 'Print the man page'
complete -c mapctl -n "__fish_mapctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -l category -d 'Only integrations of this category (psa, rmm, documentation, security, network, backup, distribution, identity)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -f -a "show" -d 'Print an integration\'s declaration (built-in or not) in the file format'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -f -a "check" -d 'Validate a declaration file without calling anything (exit 7 lists every problem)'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and not __fish_seen_subcommand_from show check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from check" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print an integration\'s declaration (built-in or not) in the file format'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from help" -f -a "check" -d 'Validate a declaration file without calling anything (exit 7 lists every problem)'
complete -c mapctl -n "__fish_mapctl_using_subcommand integrations; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -l search -d 'Only external orgs whose name or id contains TEXT (case-insensitive)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -l refresh -d 'Ask the API even when the cache is fresh'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -l allow-stale -d 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -l unmapped -d 'Only external orgs no MSP org is mapped to (ignored ones left out)'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -l ignored -d 'The ignored external orgs (`mapctl ignore`), from the store: no API call'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -l include-inactive -d 'Also deleted, archived and inactive ones, and system records (marked `"inactive": true` in metadata)'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand discover" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand test-connection" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand test-connection" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand test-connection" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand test-connection" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand test-connection" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand test-connection" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand test-connection" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand test-connection" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand test-connection" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l external-id -d 'The external org\'s id in the integration' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l name -d 'The external org\'s display name (stored as ExternalOrgName)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l data -d 'Extra data for the workflows: a JSON object' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l replace -d 'Soft-delete the org\'s current mapping for the integration and map this one instead'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l add -d 'Keep the org\'s current mapping for the integration and add this one (several M365 tenants)'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l allow-shared -d 'Allow an external org that is already mapped to another MSP org'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l no-verify -d 'Record the mapping without checking that the external org exists'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand map" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -l external-id -d 'The mapping to this external org' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -l mapping-id -d 'The mapping with this id' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -l all -d 'Every mapping of the org for the integration'
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -l purge -d 'Remove both index rows instead of soft-deleting (IsActive=false)'
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand unmap" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -l org -d 'Only this MSP org (id or name)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -l integration -d 'Only this integration (name or alias)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -l all -d 'Include soft-deleted mappings'
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand list" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -l mapping-id -d 'Pick one when the org has several active mappings for the integration' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand get" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -s f -l file -d 'The file of wanted mappings (JSON, JSON Lines or CSV); `-` reads stdin' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -l format -d 'The file\'s format [default: from the extension; JSON for stdin]' -r -f -a "json\t''
jsonl\t'JSON Lines: one object per line'
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -l dry-run -d 'Print the plan, write nothing'
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -l prune -d 'Soft-delete active mappings of the file\'s integrations that the file does not list'
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -l verify -d 'Check every external id against its integration (through discovery and its cache)'
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mapctl -n "__fish_mapctl_using_subcommand apply" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -l integration -d 'Include only this integration (name or alias)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand export" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -f -a "list" -d 'List the MSP\'s organizations'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -f -a "add" -d 'Add an organization'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -f -a "update" -d 'Change an organization\'s name, tenant id or domains'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -f -a "show" -d 'An organization and what it has in every integration (none included)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -f -a "import" -d 'Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -f -a "export" -d 'Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and not __fish_seen_subcommand_from list add update show import export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -l all -d 'Include inactive organizations'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -l name -d 'Display name (unique, case-insensitively)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -l id -d 'Org id [default: a new GUID]' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -l tenant-id -d 'Microsoft 365 tenant id (GUID) of the org' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -l domain -d 'One of the org\'s internet domains (repeatable): evidence for `suggest`' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -l name -d 'New display name' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -l tenant-id -d 'Microsoft 365 tenant id (GUID)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -l domain -d 'The org\'s domains, replacing those it has (repeatable)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -l no-domains -d 'Remove every domain'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -s f -l file -d 'The file; `-` reads stdin' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -l format -d 'The file\'s format [default: from the extension; JSON for stdin]' -r -f -a "json\t''
jsonl\t'JSON Lines: one object per line'
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -l dry-run -d 'Print the plan, write nothing'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from export" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from export" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from export" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the MSP\'s organizations'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an organization'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change an organization\'s name, tenant id or domains'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "show" -d 'An organization and what it has in every integration (none included)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)'
complete -c mapctl -n "__fish_mapctl_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -l repair -d 'Rewrite the integration index from the org index (the source of truth)'
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -l org -d 'Only this MSP org (id or name)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -l integration -d 'Only this integration (name or alias)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -l since -d 'Only changes at or after TIME: 2026-11-01, 2026-11-01T08:00:00Z, or an age like 7d, 12h, 30m' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -l limit -d 'At most N changes, the newest [default: 50]' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -l all -d 'Every change, however many'
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand history" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -l external-id -d 'The external org to leave out (repeatable)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -l reason -d 'Why it is not a customer (the MSP itself, a vendor, a test tenant)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand ignore" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -l external-id -d 'The external org to take off the ignore list (repeatable)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand unignore" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -l reason -d 'Why (no backup contract, no Microsoft 365)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand exclude" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand include" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand include" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand include" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand include" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand include" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand include" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand include" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand include" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand include" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -l external-id -d 'The external org that is not this org (repeatable)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -l reason -d 'Why (a different company of the same name)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand reject" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -l external-id -d 'The external org that may be proposed again (repeatable)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand unreject" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -l dry-run -d 'Print what would be renamed, write nothing'
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -l refresh -d 'Ask the APIs even when the discovery cache is fresh'
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -l allow-stale -d 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6'
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand sync-names" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -l check -d 'Exit 4 when a customer has no mapping, or a mapping is stale or renamed (a nightly job)'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -l check-records -d 'As --check, and open records (neither mapped nor ignored) fail it too'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -l refresh -d 'Ask the APIs even when the discovery cache is fresh'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -l allow-stale -d 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -l matrix -d 'One row per active MSP org, one column per integration: mapped, stale (✗), renamed (~), excluded (n/a), none (–), or a proposal with its confidence'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l org -d 'Only these MSP orgs (id or name; repeatable)' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l explain -d 'Every candidate for this org (id or name), with its evidence, score and why it was or was not proposed' -r
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l min-confidence -d 'The least confidence --apply writes' -r -f -a "high\t''
medium\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l all -d 'Every configured integration that lists organizations, in one run: discovered at once, matched in an order where one\'s high proposals lend links and domains to the next'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l apply -d 'Write the suggestions at or above --min-confidence through the apply engine'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l dry-run -d 'With --apply: print the plan, write nothing'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l refresh -d 'Ask the API even when the discovery cache is fresh'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l allow-stale -d 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand suggest" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -f -a "path" -d 'Print where the config file is (whether it exists or not)'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -f -a "show" -d 'The effective configuration, secrets masked, with where each value came from'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -f -a "edit" -d 'Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from path" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from path" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from edit" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from edit" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from edit" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from edit" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print where the config file is (whether it exists or not)'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'The effective configuration, secrets masked, with where each value came from'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)'
complete -c mapctl -n "__fish_mapctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mapctl -n "__fish_mapctl_using_subcommand completions" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand completions" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand completions" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand completions" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand completions" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand completions" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand completions" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand man" -l config -d 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]' -r -F
complete -c mapctl -n "__fish_mapctl_using_subcommand man" -s o -l output -d 'Output format [default: the config\'s `output`, else table]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand man" -l color -d 'Colour on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mapctl -n "__fish_mapctl_using_subcommand man" -l no-input -d 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
complete -c mapctl -n "__fish_mapctl_using_subcommand man" -s y -l yes -d 'Answer yes to every confirmation'
complete -c mapctl -n "__fish_mapctl_using_subcommand man" -s v -l verbose -d 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
complete -c mapctl -n "__fish_mapctl_using_subcommand man" -s q -l quiet -d 'Only data and errors: no notes on stderr'
complete -c mapctl -n "__fish_mapctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c mapctl -n "__fish_mapctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "integrations" -d 'The integrations mapctl knows: name, display name, discovery, configured, where defined'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "discover" -d 'List the organizations of an external system, with the MSP orgs mapped to each'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "test-connection" -d 'Check an integration\'s credentials and API; with an org, re-resolve its mappings'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "map" -d 'Create a mapping from an MSP org to an external org'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "unmap" -d 'Soft-delete (or purge) a mapping'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "list" -d 'List mappings'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "get" -d 'Show exactly one mapping'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "apply" -d 'Create, update and (with --prune) soft-delete mappings from a file'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "export" -d 'Print every active mapping in the format `apply -f` reads'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "orgs" -d 'The MSP\'s own organizations'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "doctor" -d 'Check configuration and the store; compare the two mapping indexes'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "history" -d 'The changes made to mappings, newest first'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "ignore" -d 'Mark external orgs that are not customers (the MSP itself, vendors, test tenants)'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "unignore" -d 'Take external orgs off the ignore list'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "exclude" -d 'Record that a customer does not use a system: no coverage, no suggestion there'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "include" -d 'Take an exclusion back: the org counts in the integration\'s coverage again'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "reject" -d 'Record that an external org is not this customer: suggest never proposes the pair again'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "unreject" -d 'Take a rejection back'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "sync-names" -d 'Set stored external org names to the external systems\' current names'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "status" -d 'Customers mapped per integration, and which need a mapping, are stale or renamed'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "suggest" -d 'Propose, for each MSP org without a mapping, the external org that is the same customer'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "config" -d 'Where the config file is, the effective configuration, and the file in an editor'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "completions" -d 'Print shell completions'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "man" -d 'Print the man page'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and not __fish_seen_subcommand_from integrations discover test-connection map unmap list get apply export orgs doctor history ignore unignore exclude include reject unreject sync-names status suggest config completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from integrations" -f -a "show" -d 'Print an integration\'s declaration (built-in or not) in the file format'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from integrations" -f -a "check" -d 'Validate a declaration file without calling anything (exit 7 lists every problem)'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from orgs" -f -a "list" -d 'List the MSP\'s organizations'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from orgs" -f -a "add" -d 'Add an organization'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from orgs" -f -a "update" -d 'Change an organization\'s name, tenant id or domains'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from orgs" -f -a "show" -d 'An organization and what it has in every integration (none included)'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from orgs" -f -a "import" -d 'Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from orgs" -f -a "export" -d 'Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print where the config file is (whether it exists or not)'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'The effective configuration, secrets masked, with where each value came from'
complete -c mapctl -n "__fish_mapctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "edit" -d 'Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)'
