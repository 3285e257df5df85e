use clap::FromArgMatches;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Parsed through `cli::command()`: its help carries the examples.
    let matches = mapctl::cli::command().get_matches();
    let cli = mapctl::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    std::process::exit(mapctl::run(cli));
}
