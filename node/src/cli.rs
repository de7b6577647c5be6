//! The node's command line: the standard Substrate flags and subcommands.

use sc_cli::RunCmd;

/// The command line of `medledger-node`.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// What to do instead of running the node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// How to run the node.
	#[clap(flatten)]
	pub run: RunCmd,
}

/// The subcommands Substrate tooling expects.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated upstream in favour of `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification as JSON.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks that need a node: `storage`, `machine`, `block`, `overhead`, `pallet`. Only
	/// in a node built with `--features benchmark-cli` (`src/benchmark.rs`).
	#[cfg(feature = "benchmark-cli")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),
}
