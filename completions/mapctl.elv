
use builtin;
use str;

set edit:completion:arg-completer[mapctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'mapctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'mapctl'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand integrations 'The integrations mapctl knows: name, display name, discovery, configured, where defined'
            cand discover 'List the organizations of an external system, with the MSP orgs mapped to each'
            cand test-connection 'Check an integration''s credentials and API; with an org, re-resolve its mappings'
            cand map 'Create a mapping from an MSP org to an external org'
            cand unmap 'Soft-delete (or purge) a mapping'
            cand list 'List mappings'
            cand get 'Show exactly one mapping'
            cand apply 'Create, update and (with --prune) soft-delete mappings from a file'
            cand export 'Print every active mapping in the format `apply -f` reads'
            cand orgs 'The MSP''s own organizations'
            cand doctor 'Check configuration and the store; compare the two mapping indexes'
            cand history 'The changes made to mappings, newest first'
            cand ignore 'Mark external orgs that are not customers (the MSP itself, vendors, test tenants)'
            cand unignore 'Take external orgs off the ignore list'
            cand exclude 'Record that a customer does not use a system: no coverage, no suggestion there'
            cand include 'Take an exclusion back: the org counts in the integration''s coverage again'
            cand reject 'Record that an external org is not this customer: suggest never proposes the pair again'
            cand unreject 'Take a rejection back'
            cand sync-names 'Set stored external org names to the external systems'' current names'
            cand status 'Customers mapped per integration, and which need a mapping, are stale or renamed'
            cand suggest 'Propose, for each MSP org without a mapping, the external org that is the same customer'
            cand config 'Where the config file is, the effective configuration, and the file in an editor'
            cand completions 'Print shell completions'
            cand man 'Print the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mapctl;integrations'= {
            cand --category 'Only integrations of this category (psa, rmm, documentation, security, network, backup, distribution, identity)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print an integration''s declaration (built-in or not) in the file format'
            cand check 'Validate a declaration file without calling anything (exit 7 lists every problem)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mapctl;integrations;show'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;integrations;check'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;integrations;help'= {
            cand show 'Print an integration''s declaration (built-in or not) in the file format'
            cand check 'Validate a declaration file without calling anything (exit 7 lists every problem)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mapctl;integrations;help;show'= {
        }
        &'mapctl;integrations;help;check'= {
        }
        &'mapctl;integrations;help;help'= {
        }
        &'mapctl;discover'= {
            cand --search 'Only external orgs whose name or id contains TEXT (case-insensitive)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --refresh 'Ask the API even when the cache is fresh'
            cand --allow-stale 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6'
            cand --unmapped 'Only external orgs no MSP org is mapped to (ignored ones left out)'
            cand --ignored 'The ignored external orgs (`mapctl ignore`), from the store: no API call'
            cand --include-inactive 'Also deleted, archived and inactive ones, and system records (marked `"inactive": true` in metadata)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;test-connection'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;map'= {
            cand --external-id 'The external org''s id in the integration'
            cand --name 'The external org''s display name (stored as ExternalOrgName)'
            cand --data 'Extra data for the workflows: a JSON object'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --replace 'Soft-delete the org''s current mapping for the integration and map this one instead'
            cand --add 'Keep the org''s current mapping for the integration and add this one (several M365 tenants)'
            cand --allow-shared 'Allow an external org that is already mapped to another MSP org'
            cand --no-verify 'Record the mapping without checking that the external org exists'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;unmap'= {
            cand --external-id 'The mapping to this external org'
            cand --mapping-id 'The mapping with this id'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --all 'Every mapping of the org for the integration'
            cand --purge 'Remove both index rows instead of soft-deleting (IsActive=false)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;list'= {
            cand --org 'Only this MSP org (id or name)'
            cand --integration 'Only this integration (name or alias)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --all 'Include soft-deleted mappings'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;get'= {
            cand --mapping-id 'Pick one when the org has several active mappings for the integration'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;apply'= {
            cand -f 'The file of wanted mappings (JSON, JSON Lines or CSV); `-` reads stdin'
            cand --file 'The file of wanted mappings (JSON, JSON Lines or CSV); `-` reads stdin'
            cand --format 'The file''s format [default: from the extension; JSON for stdin]'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --dry-run 'Print the plan, write nothing'
            cand --prune 'Soft-delete active mappings of the file''s integrations that the file does not list'
            cand --verify 'Check every external id against its integration (through discovery and its cache)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;export'= {
            cand --integration 'Include only this integration (name or alias)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;orgs'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the MSP''s organizations'
            cand add 'Add an organization'
            cand update 'Change an organization''s name, tenant id or domains'
            cand show 'An organization and what it has in every integration (none included)'
            cand import 'Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)'
            cand export 'Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mapctl;orgs;list'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --all 'Include inactive organizations'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;orgs;add'= {
            cand --name 'Display name (unique, case-insensitively)'
            cand --id 'Org id [default: a new GUID]'
            cand --tenant-id 'Microsoft 365 tenant id (GUID) of the org'
            cand --domain 'One of the org''s internet domains (repeatable): evidence for `suggest`'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;orgs;update'= {
            cand --name 'New display name'
            cand --tenant-id 'Microsoft 365 tenant id (GUID)'
            cand --domain 'The org''s domains, replacing those it has (repeatable)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-domains 'Remove every domain'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;orgs;show'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;orgs;import'= {
            cand -f 'The file; `-` reads stdin'
            cand --file 'The file; `-` reads stdin'
            cand --format 'The file''s format [default: from the extension; JSON for stdin]'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --dry-run 'Print the plan, write nothing'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;orgs;export'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;orgs;help'= {
            cand list 'List the MSP''s organizations'
            cand add 'Add an organization'
            cand update 'Change an organization''s name, tenant id or domains'
            cand show 'An organization and what it has in every integration (none included)'
            cand import 'Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)'
            cand export 'Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mapctl;orgs;help;list'= {
        }
        &'mapctl;orgs;help;add'= {
        }
        &'mapctl;orgs;help;update'= {
        }
        &'mapctl;orgs;help;show'= {
        }
        &'mapctl;orgs;help;import'= {
        }
        &'mapctl;orgs;help;export'= {
        }
        &'mapctl;orgs;help;help'= {
        }
        &'mapctl;doctor'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --repair 'Rewrite the integration index from the org index (the source of truth)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;history'= {
            cand --org 'Only this MSP org (id or name)'
            cand --integration 'Only this integration (name or alias)'
            cand --since 'Only changes at or after TIME: 2026-11-01, 2026-11-01T08:00:00Z, or an age like 7d, 12h, 30m'
            cand --limit 'At most N changes, the newest [default: 50]'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --all 'Every change, however many'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;ignore'= {
            cand --external-id 'The external org to leave out (repeatable)'
            cand --reason 'Why it is not a customer (the MSP itself, a vendor, a test tenant)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;unignore'= {
            cand --external-id 'The external org to take off the ignore list (repeatable)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;exclude'= {
            cand --reason 'Why (no backup contract, no Microsoft 365)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;include'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;reject'= {
            cand --external-id 'The external org that is not this org (repeatable)'
            cand --reason 'Why (a different company of the same name)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;unreject'= {
            cand --external-id 'The external org that may be proposed again (repeatable)'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;sync-names'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --dry-run 'Print what would be renamed, write nothing'
            cand --refresh 'Ask the APIs even when the discovery cache is fresh'
            cand --allow-stale 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;status'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --check 'Exit 4 when a customer has no mapping, or a mapping is stale or renamed (a nightly job)'
            cand --check-records 'As --check, and open records (neither mapped nor ignored) fail it too'
            cand --refresh 'Ask the APIs even when the discovery cache is fresh'
            cand --allow-stale 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6'
            cand --matrix 'One row per active MSP org, one column per integration: mapped, stale (✗), renamed (~), excluded (n/a), none (–), or a proposal with its confidence'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;suggest'= {
            cand --org 'Only these MSP orgs (id or name; repeatable)'
            cand --explain 'Every candidate for this org (id or name), with its evidence, score and why it was or was not proposed'
            cand --min-confidence 'The least confidence --apply writes'
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --all 'Every configured integration that lists organizations, in one run: discovered at once, matched in an order where one''s high proposals lend links and domains to the next'
            cand --apply 'Write the suggestions at or above --min-confidence through the apply engine'
            cand --dry-run 'With --apply: print the plan, write nothing'
            cand --refresh 'Ask the API even when the discovery cache is fresh'
            cand --allow-stale 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;config'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print where the config file is (whether it exists or not)'
            cand show 'The effective configuration, secrets masked, with where each value came from'
            cand edit 'Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mapctl;config;path'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;config;show'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;config;edit'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;config;help'= {
            cand path 'Print where the config file is (whether it exists or not)'
            cand show 'The effective configuration, secrets masked, with where each value came from'
            cand edit 'Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mapctl;config;help;path'= {
        }
        &'mapctl;config;help;show'= {
        }
        &'mapctl;config;help;edit'= {
        }
        &'mapctl;config;help;help'= {
        }
        &'mapctl;completions'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;man'= {
            cand --config 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]'
            cand -o 'Output format [default: the config''s `output`, else table]'
            cand --output 'Output format [default: the config''s `output`, else table]'
            cand --color 'Colour on stderr (NO_COLOR is honoured with auto)'
            cand --no-input 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -v 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand --verbose 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request'
            cand -q 'Only data and errors: no notes on stderr'
            cand --quiet 'Only data and errors: no notes on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mapctl;help'= {
            cand integrations 'The integrations mapctl knows: name, display name, discovery, configured, where defined'
            cand discover 'List the organizations of an external system, with the MSP orgs mapped to each'
            cand test-connection 'Check an integration''s credentials and API; with an org, re-resolve its mappings'
            cand map 'Create a mapping from an MSP org to an external org'
            cand unmap 'Soft-delete (or purge) a mapping'
            cand list 'List mappings'
            cand get 'Show exactly one mapping'
            cand apply 'Create, update and (with --prune) soft-delete mappings from a file'
            cand export 'Print every active mapping in the format `apply -f` reads'
            cand orgs 'The MSP''s own organizations'
            cand doctor 'Check configuration and the store; compare the two mapping indexes'
            cand history 'The changes made to mappings, newest first'
            cand ignore 'Mark external orgs that are not customers (the MSP itself, vendors, test tenants)'
            cand unignore 'Take external orgs off the ignore list'
            cand exclude 'Record that a customer does not use a system: no coverage, no suggestion there'
            cand include 'Take an exclusion back: the org counts in the integration''s coverage again'
            cand reject 'Record that an external org is not this customer: suggest never proposes the pair again'
            cand unreject 'Take a rejection back'
            cand sync-names 'Set stored external org names to the external systems'' current names'
            cand status 'Customers mapped per integration, and which need a mapping, are stale or renamed'
            cand suggest 'Propose, for each MSP org without a mapping, the external org that is the same customer'
            cand config 'Where the config file is, the effective configuration, and the file in an editor'
            cand completions 'Print shell completions'
            cand man 'Print the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mapctl;help;integrations'= {
            cand show 'Print an integration''s declaration (built-in or not) in the file format'
            cand check 'Validate a declaration file without calling anything (exit 7 lists every problem)'
        }
        &'mapctl;help;integrations;show'= {
        }
        &'mapctl;help;integrations;check'= {
        }
        &'mapctl;help;discover'= {
        }
        &'mapctl;help;test-connection'= {
        }
        &'mapctl;help;map'= {
        }
        &'mapctl;help;unmap'= {
        }
        &'mapctl;help;list'= {
        }
        &'mapctl;help;get'= {
        }
        &'mapctl;help;apply'= {
        }
        &'mapctl;help;export'= {
        }
        &'mapctl;help;orgs'= {
            cand list 'List the MSP''s organizations'
            cand add 'Add an organization'
            cand update 'Change an organization''s name, tenant id or domains'
            cand show 'An organization and what it has in every integration (none included)'
            cand import 'Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)'
            cand export 'Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)'
        }
        &'mapctl;help;orgs;list'= {
        }
        &'mapctl;help;orgs;add'= {
        }
        &'mapctl;help;orgs;update'= {
        }
        &'mapctl;help;orgs;show'= {
        }
        &'mapctl;help;orgs;import'= {
        }
        &'mapctl;help;orgs;export'= {
        }
        &'mapctl;help;doctor'= {
        }
        &'mapctl;help;history'= {
        }
        &'mapctl;help;ignore'= {
        }
        &'mapctl;help;unignore'= {
        }
        &'mapctl;help;exclude'= {
        }
        &'mapctl;help;include'= {
        }
        &'mapctl;help;reject'= {
        }
        &'mapctl;help;unreject'= {
        }
        &'mapctl;help;sync-names'= {
        }
        &'mapctl;help;status'= {
        }
        &'mapctl;help;suggest'= {
        }
        &'mapctl;help;config'= {
            cand path 'Print where the config file is (whether it exists or not)'
            cand show 'The effective configuration, secrets masked, with where each value came from'
            cand edit 'Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)'
        }
        &'mapctl;help;config;path'= {
        }
        &'mapctl;help;config;show'= {
        }
        &'mapctl;help;config;edit'= {
        }
        &'mapctl;help;completions'= {
        }
        &'mapctl;help;man'= {
        }
        &'mapctl;help;help'= {
        }
    ]
    $completions[$command]
}
