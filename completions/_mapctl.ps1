
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'mapctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'mapctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'mapctl' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('integrations', 'integrations', [CompletionResultType]::ParameterValue, 'The integrations mapctl knows: name, display name, discovery, configured, where defined')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'List the organizations of an external system, with the MSP orgs mapped to each')
            [CompletionResult]::new('test-connection', 'test-connection', [CompletionResultType]::ParameterValue, 'Check an integration''s credentials and API; with an org, re-resolve its mappings')
            [CompletionResult]::new('map', 'map', [CompletionResultType]::ParameterValue, 'Create a mapping from an MSP org to an external org')
            [CompletionResult]::new('unmap', 'unmap', [CompletionResultType]::ParameterValue, 'Soft-delete (or purge) a mapping')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mappings')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show exactly one mapping')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create, update and (with --prune) soft-delete mappings from a file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print every active mapping in the format `apply -f` reads')
            [CompletionResult]::new('orgs', 'orgs', [CompletionResultType]::ParameterValue, 'The MSP''s own organizations')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check configuration and the store; compare the two mapping indexes')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The changes made to mappings, newest first')
            [CompletionResult]::new('ignore', 'ignore', [CompletionResultType]::ParameterValue, 'Mark external orgs that are not customers (the MSP itself, vendors, test tenants)')
            [CompletionResult]::new('unignore', 'unignore', [CompletionResultType]::ParameterValue, 'Take external orgs off the ignore list')
            [CompletionResult]::new('exclude', 'exclude', [CompletionResultType]::ParameterValue, 'Record that a customer does not use a system: no coverage, no suggestion there')
            [CompletionResult]::new('include', 'include', [CompletionResultType]::ParameterValue, 'Take an exclusion back: the org counts in the integration''s coverage again')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Record that an external org is not this customer: suggest never proposes the pair again')
            [CompletionResult]::new('unreject', 'unreject', [CompletionResultType]::ParameterValue, 'Take a rejection back')
            [CompletionResult]::new('sync-names', 'sync-names', [CompletionResultType]::ParameterValue, 'Set stored external org names to the external systems'' current names')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Customers mapped per integration, and which need a mapping, are stale or renamed')
            [CompletionResult]::new('suggest', 'suggest', [CompletionResultType]::ParameterValue, 'Propose, for each MSP org without a mapping, the external org that is the same customer')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where the config file is, the effective configuration, and the file in an editor')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mapctl;integrations' {
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only integrations of this category (psa, rmm, documentation, security, network, backup, distribution, identity)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print an integration''s declaration (built-in or not) in the file format')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a declaration file without calling anything (exit 7 lists every problem)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mapctl;integrations;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;integrations;check' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;integrations;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print an integration''s declaration (built-in or not) in the file format')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a declaration file without calling anything (exit 7 lists every problem)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mapctl;integrations;help;show' {
            break
        }
        'mapctl;integrations;help;check' {
            break
        }
        'mapctl;integrations;help;help' {
            break
        }
        'mapctl;discover' {
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only external orgs whose name or id contains TEXT (case-insensitive)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ask the API even when the cache is fresh')
            [CompletionResult]::new('--allow-stale', '--allow-stale', [CompletionResultType]::ParameterName, 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6')
            [CompletionResult]::new('--unmapped', '--unmapped', [CompletionResultType]::ParameterName, 'Only external orgs no MSP org is mapped to (ignored ones left out)')
            [CompletionResult]::new('--ignored', '--ignored', [CompletionResultType]::ParameterName, 'The ignored external orgs (`mapctl ignore`), from the store: no API call')
            [CompletionResult]::new('--include-inactive', '--include-inactive', [CompletionResultType]::ParameterName, 'Also deleted, archived and inactive ones, and system records (marked `"inactive": true` in metadata)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;test-connection' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;map' {
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'The external org''s id in the integration')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The external org''s display name (stored as ExternalOrgName)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Extra data for the workflows: a JSON object')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Soft-delete the org''s current mapping for the integration and map this one instead')
            [CompletionResult]::new('--add', '--add', [CompletionResultType]::ParameterName, 'Keep the org''s current mapping for the integration and add this one (several M365 tenants)')
            [CompletionResult]::new('--allow-shared', '--allow-shared', [CompletionResultType]::ParameterName, 'Allow an external org that is already mapped to another MSP org')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Record the mapping without checking that the external org exists')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;unmap' {
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'The mapping to this external org')
            [CompletionResult]::new('--mapping-id', '--mapping-id', [CompletionResultType]::ParameterName, 'The mapping with this id')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every mapping of the org for the integration')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Remove both index rows instead of soft-deleting (IsActive=false)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;list' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Only this MSP org (id or name)')
            [CompletionResult]::new('--integration', '--integration', [CompletionResultType]::ParameterName, 'Only this integration (name or alias)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include soft-deleted mappings')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;get' {
            [CompletionResult]::new('--mapping-id', '--mapping-id', [CompletionResultType]::ParameterName, 'Pick one when the org has several active mappings for the integration')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;apply' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The file of wanted mappings (JSON, JSON Lines or CSV); `-` reads stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The file of wanted mappings (JSON, JSON Lines or CSV); `-` reads stdin')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The file''s format [default: from the extension; JSON for stdin]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan, write nothing')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Soft-delete active mappings of the file''s integrations that the file does not list')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Check every external id against its integration (through discovery and its cache)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;export' {
            [CompletionResult]::new('--integration', '--integration', [CompletionResultType]::ParameterName, 'Include only this integration (name or alias)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;orgs' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the MSP''s organizations')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an organization')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an organization''s name, tenant id or domains')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'An organization and what it has in every integration (none included)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mapctl;orgs;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include inactive organizations')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;orgs;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name (unique, case-insensitively)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Org id [default: a new GUID]')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Microsoft 365 tenant id (GUID) of the org')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'One of the org''s internet domains (repeatable): evidence for `suggest`')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;orgs;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'New display name')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Microsoft 365 tenant id (GUID)')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'The org''s domains, replacing those it has (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-domains', '--no-domains', [CompletionResultType]::ParameterName, 'Remove every domain')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;orgs;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;orgs;import' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The file; `-` reads stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The file; `-` reads stdin')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The file''s format [default: from the extension; JSON for stdin]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan, write nothing')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;orgs;export' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;orgs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the MSP''s organizations')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an organization')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an organization''s name, tenant id or domains')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'An organization and what it has in every integration (none included)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mapctl;orgs;help;list' {
            break
        }
        'mapctl;orgs;help;add' {
            break
        }
        'mapctl;orgs;help;update' {
            break
        }
        'mapctl;orgs;help;show' {
            break
        }
        'mapctl;orgs;help;import' {
            break
        }
        'mapctl;orgs;help;export' {
            break
        }
        'mapctl;orgs;help;help' {
            break
        }
        'mapctl;doctor' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--repair', '--repair', [CompletionResultType]::ParameterName, 'Rewrite the integration index from the org index (the source of truth)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;history' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Only this MSP org (id or name)')
            [CompletionResult]::new('--integration', '--integration', [CompletionResultType]::ParameterName, 'Only this integration (name or alias)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only changes at or after TIME: 2026-11-01, 2026-11-01T08:00:00Z, or an age like 7d, 12h, 30m')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N changes, the newest [default: 50]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every change, however many')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;ignore' {
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'The external org to leave out (repeatable)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is not a customer (the MSP itself, a vendor, a test tenant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;unignore' {
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'The external org to take off the ignore list (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;exclude' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (no backup contract, no Microsoft 365)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;include' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;reject' {
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'The external org that is not this org (repeatable)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (a different company of the same name)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;unreject' {
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'The external org that may be proposed again (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;sync-names' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be renamed, write nothing')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ask the APIs even when the discovery cache is fresh')
            [CompletionResult]::new('--allow-stale', '--allow-stale', [CompletionResultType]::ParameterName, 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit 4 when a customer has no mapping, or a mapping is stale or renamed (a nightly job)')
            [CompletionResult]::new('--check-records', '--check-records', [CompletionResultType]::ParameterName, 'As --check, and open records (neither mapped nor ignored) fail it too')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ask the APIs even when the discovery cache is fresh')
            [CompletionResult]::new('--allow-stale', '--allow-stale', [CompletionResultType]::ParameterName, 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6')
            [CompletionResult]::new('--matrix', '--matrix', [CompletionResultType]::ParameterName, 'One row per active MSP org, one column per integration: mapped, stale (✗), renamed (~), excluded (n/a), none (–), or a proposal with its confidence')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;suggest' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Only these MSP orgs (id or name; repeatable)')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Every candidate for this org (id or name), with its evidence, score and why it was or was not proposed')
            [CompletionResult]::new('--min-confidence', '--min-confidence', [CompletionResultType]::ParameterName, 'The least confidence --apply writes')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every configured integration that lists organizations, in one run: discovered at once, matched in an order where one''s high proposals lend links and domains to the next')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Write the suggestions at or above --min-confidence through the apply engine')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --apply: print the plan, write nothing')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ask the API even when the discovery cache is fresh')
            [CompletionResult]::new('--allow-stale', '--allow-stale', [CompletionResultType]::ParameterName, 'With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is (whether it exists or not)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The effective configuration, secrets masked, with where each value came from')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mapctl;config;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;config;edit' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is (whether it exists or not)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The effective configuration, secrets masked, with where each value came from')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mapctl;config;help;path' {
            break
        }
        'mapctl;config;help;show' {
            break
        }
        'mapctl;config;help;edit' {
            break
        }
        'mapctl;config;help;help' {
            break
        }
        'mapctl;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;man' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the config''s `output`, else table]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More on stderr: -v the config and store used, -vv every store request, -vvv every integration request')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mapctl;help' {
            [CompletionResult]::new('integrations', 'integrations', [CompletionResultType]::ParameterValue, 'The integrations mapctl knows: name, display name, discovery, configured, where defined')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'List the organizations of an external system, with the MSP orgs mapped to each')
            [CompletionResult]::new('test-connection', 'test-connection', [CompletionResultType]::ParameterValue, 'Check an integration''s credentials and API; with an org, re-resolve its mappings')
            [CompletionResult]::new('map', 'map', [CompletionResultType]::ParameterValue, 'Create a mapping from an MSP org to an external org')
            [CompletionResult]::new('unmap', 'unmap', [CompletionResultType]::ParameterValue, 'Soft-delete (or purge) a mapping')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mappings')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show exactly one mapping')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create, update and (with --prune) soft-delete mappings from a file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print every active mapping in the format `apply -f` reads')
            [CompletionResult]::new('orgs', 'orgs', [CompletionResultType]::ParameterValue, 'The MSP''s own organizations')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check configuration and the store; compare the two mapping indexes')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The changes made to mappings, newest first')
            [CompletionResult]::new('ignore', 'ignore', [CompletionResultType]::ParameterValue, 'Mark external orgs that are not customers (the MSP itself, vendors, test tenants)')
            [CompletionResult]::new('unignore', 'unignore', [CompletionResultType]::ParameterValue, 'Take external orgs off the ignore list')
            [CompletionResult]::new('exclude', 'exclude', [CompletionResultType]::ParameterValue, 'Record that a customer does not use a system: no coverage, no suggestion there')
            [CompletionResult]::new('include', 'include', [CompletionResultType]::ParameterValue, 'Take an exclusion back: the org counts in the integration''s coverage again')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Record that an external org is not this customer: suggest never proposes the pair again')
            [CompletionResult]::new('unreject', 'unreject', [CompletionResultType]::ParameterValue, 'Take a rejection back')
            [CompletionResult]::new('sync-names', 'sync-names', [CompletionResultType]::ParameterValue, 'Set stored external org names to the external systems'' current names')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Customers mapped per integration, and which need a mapping, are stale or renamed')
            [CompletionResult]::new('suggest', 'suggest', [CompletionResultType]::ParameterValue, 'Propose, for each MSP org without a mapping, the external org that is the same customer')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where the config file is, the effective configuration, and the file in an editor')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mapctl;help;integrations' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print an integration''s declaration (built-in or not) in the file format')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a declaration file without calling anything (exit 7 lists every problem)')
            break
        }
        'mapctl;help;integrations;show' {
            break
        }
        'mapctl;help;integrations;check' {
            break
        }
        'mapctl;help;discover' {
            break
        }
        'mapctl;help;test-connection' {
            break
        }
        'mapctl;help;map' {
            break
        }
        'mapctl;help;unmap' {
            break
        }
        'mapctl;help;list' {
            break
        }
        'mapctl;help;get' {
            break
        }
        'mapctl;help;apply' {
            break
        }
        'mapctl;help;export' {
            break
        }
        'mapctl;help;orgs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the MSP''s organizations')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an organization')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an organization''s name, tenant id or domains')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'An organization and what it has in every integration (none included)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)')
            break
        }
        'mapctl;help;orgs;list' {
            break
        }
        'mapctl;help;orgs;add' {
            break
        }
        'mapctl;help;orgs;update' {
            break
        }
        'mapctl;help;orgs;show' {
            break
        }
        'mapctl;help;orgs;import' {
            break
        }
        'mapctl;help;orgs;export' {
            break
        }
        'mapctl;help;doctor' {
            break
        }
        'mapctl;help;history' {
            break
        }
        'mapctl;help;ignore' {
            break
        }
        'mapctl;help;unignore' {
            break
        }
        'mapctl;help;exclude' {
            break
        }
        'mapctl;help;include' {
            break
        }
        'mapctl;help;reject' {
            break
        }
        'mapctl;help;unreject' {
            break
        }
        'mapctl;help;sync-names' {
            break
        }
        'mapctl;help;status' {
            break
        }
        'mapctl;help;suggest' {
            break
        }
        'mapctl;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is (whether it exists or not)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The effective configuration, secrets masked, with where each value came from')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)')
            break
        }
        'mapctl;help;config;path' {
            break
        }
        'mapctl;help;config;show' {
            break
        }
        'mapctl;help;config;edit' {
            break
        }
        'mapctl;help;completions' {
            break
        }
        'mapctl;help;man' {
            break
        }
        'mapctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
