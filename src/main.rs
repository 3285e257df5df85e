use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = mapctl::cli::Cli::parse();
    std::process::exit(mapctl::run(cli));
}
