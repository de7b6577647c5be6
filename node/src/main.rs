//! The MedLedger node: a provider's validator, or a full node serving JSON-RPC to applications.

#![warn(missing_docs)]

#[cfg(feature = "benchmark-cli")]
mod benchmark;
mod chain_spec;
mod cli;
mod command;
mod medledger_rpc;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
