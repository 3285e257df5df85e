use clap::Parser;

fn main() {
    let cli = mapctl::cli::Cli::parse();
    std::process::exit(mapctl::run(cli));
}
