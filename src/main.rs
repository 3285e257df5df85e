use clap::FromArgMatches;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // A shell asking for completions (COMPLETE=bash mapctl -- …) is
    // answered and the process ends here.
    clap_complete::CompleteEnv::with_factory(mapctl::cli::command)
        .var(mapctl::assets::COMPLETE_VAR)
        .complete();
    // Parsed through `cli::command()`: its help carries the examples.
    let matches = mapctl::cli::command().get_matches();
    let cli = mapctl::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    std::process::exit(mapctl::run(cli));
}
