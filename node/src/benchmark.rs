//! `medledger-node benchmark`: only in a node built with `--features benchmark-cli`.
//!
//! The scripts measure pallet weights with `frame-omni-bencher` on the runtime's wasm
//! (`scripts/benchmark.sh`), so the node they build carries no benchmarking CLI: its
//! dependencies (78 crates, a test runtime built to wasm among them) would lengthen every cold
//! build. What needs a node and its database, `benchmark storage` above all (ParityDB's read and
//! write costs on a chain of realistic size), is here for a node built on purpose:
//!
//! ```sh
//! cargo build -p medledger-node --features runtime-benchmarks,benchmark-cli --target-dir <another>
//! ```

use crate::{cli::Cli, service};
use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};
use medledger_runtime::{opaque::Block as OpaqueBlock, Block};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

/// Runs one `benchmark` subcommand.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| match cmd {
		BenchmarkCmd::Pallet(cmd) => {
			if !cfg!(feature = "runtime-benchmarks") {
				return Err("this node was built without runtime benchmarks: rebuild it with \
					`--features runtime-benchmarks,benchmark-cli`"
					.into());
			}
			cmd.run_with_spec::<sp_runtime::traits::HashingFor<Block>, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Block(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			cmd.run(client)
		},
		#[cfg(not(feature = "runtime-benchmarks"))]
		BenchmarkCmd::Storage(_) => Err("storage benchmarks need a node built with \
			`--features runtime-benchmarks,benchmark-cli`"
			.into()),
		#[cfg(feature = "runtime-benchmarks")]
		BenchmarkCmd::Storage(cmd) => {
			let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_trie_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_trie_cache)
		},
		BenchmarkCmd::Overhead(cmd) => {
			cmd.run_with_default_builder_and_spec::<OpaqueBlock, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Extrinsic(_) => Err("`benchmark extrinsic` is not offered: `benchmark \
			pallet` measures every call and `benchmark overhead` the per-extrinsic base weight"
			.into()),
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
	})
}
