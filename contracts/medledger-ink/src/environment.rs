//! The chain's types as ink! sees them.

use crate::extension::ConsentExtension;
use ink::env::Environment;

/// The environment of contracts on MedLedger: the runtime's account, balance, hash, moment
/// and block number types, `pallet-contracts`' four event topics, and the consent chain
/// extension. Name it with `#[ink::contract(env = medledger_ink::MedLedgerEnvironment)]`.
#[derive(Clone, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub enum MedLedgerEnvironment {}

impl Environment for MedLedgerEnvironment {
	const MAX_EVENT_TOPICS: usize = 4;

	type AccountId = ink::primitives::AccountId;
	type Balance = u128;
	type Hash = ink::primitives::Hash;
	type Timestamp = u64;
	type BlockNumber = u32;
	type ChainExtension = ConsentExtension;
}
