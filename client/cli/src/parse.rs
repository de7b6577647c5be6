//! Names people type for the domain values that `medledger_client::types` has no parser for
//! yet: a representative's scope, a council action and a motion's hash. A leaf: it imports no
//! other module of the CLI.
//!
//! These belong beside `parse_purpose` and `parse_categories` in `medledger-client`'s
//! `types.rs`, so that every name people type is read in one place; they move there once that
//! crate takes them.

use medledger_client::{
	runtime::runtime_types::{medledger_runtime::RuntimeCall, pallet_providers::pallet::Call},
	types::{AccountId, RepresentativeScope},
	Error,
};

/// A representative's scope from its name: `manage-consent`, `view-records` or `full`.
pub(crate) fn parse_scope(name: &str) -> Result<RepresentativeScope, Error> {
	match name {
		"manage-consent" => Ok(RepresentativeScope::ManageConsent),
		"view-records" => Ok(RepresentativeScope::ViewRecords),
		"full" => Ok(RepresentativeScope::Full),
		other => Err(Error::Invalid(format!(
			"'{other}' is not a scope: use manage-consent, view-records or full"
		))),
	}
}

/// What a council motion does to a provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CouncilAction {
	/// Admit an applicant as a provider.
	Admit,
	/// Suspend a provider: grants to it stop working until it is reinstated.
	Suspend,
	/// Lift a provider's suspension.
	Reinstate,
	/// Expel a provider: it leaves the registry and its deposit is slashed.
	Expel,
}

impl CouncilAction {
	/// The call a motion for this action proposes, about `provider`.
	pub(crate) fn call(self, provider: AccountId) -> RuntimeCall {
		RuntimeCall::Providers(match self {
			Self::Admit => Call::admit { applicant: provider },
			Self::Suspend => Call::suspend { provider },
			Self::Reinstate => Call::reinstate { provider },
			Self::Expel => Call::expel { provider },
		})
	}
}

/// A council action from its name: `admit`, `suspend`, `reinstate` or `expel`.
pub(crate) fn parse_council_action(name: &str) -> Result<CouncilAction, Error> {
	match name {
		"admit" => Ok(CouncilAction::Admit),
		"suspend" => Ok(CouncilAction::Suspend),
		"reinstate" => Ok(CouncilAction::Reinstate),
		"expel" => Ok(CouncilAction::Expel),
		other => Err(Error::Invalid(format!(
			"'{other}' is not a council action: use admit, suspend, reinstate or expel"
		))),
	}
}

/// A motion's hash from its hex text, as `council propose` printed it (`0x` optional).
pub(crate) fn parse_hash(text: &str) -> Result<subxt::utils::H256, Error> {
	let bytes = hex::decode(text.trim_start_matches("0x"))
		.ok()
		.filter(|b| b.len() == 32)
		.ok_or_else(|| Error::Invalid(format!("'{text}' is not a 32-byte hex hash")))?;
	Ok(subxt::utils::H256::from_slice(&bytes))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn scopes_read_by_their_names() {
		assert_eq!(parse_scope("manage-consent").ok(), Some(RepresentativeScope::ManageConsent));
		assert_eq!(parse_scope("view-records").ok(), Some(RepresentativeScope::ViewRecords));
		assert_eq!(parse_scope("full").ok(), Some(RepresentativeScope::Full));
		assert!(matches!(parse_scope("guardian"), Err(Error::Invalid(_))));
	}

	#[test]
	fn council_actions_read_by_their_names() {
		assert_eq!(parse_council_action("admit").ok(), Some(CouncilAction::Admit));
		assert_eq!(parse_council_action("suspend").ok(), Some(CouncilAction::Suspend));
		assert_eq!(parse_council_action("reinstate").ok(), Some(CouncilAction::Reinstate));
		assert_eq!(parse_council_action("expel").ok(), Some(CouncilAction::Expel));
		assert!(matches!(parse_council_action("ban"), Err(Error::Invalid(_))));
	}

	#[test]
	fn a_motion_hash_is_32_bytes_of_hex() {
		let hash = format!("0x{}", "ab".repeat(32));
		assert_eq!(parse_hash(&hash).ok(), Some(subxt::utils::H256([0xab; 32])));
		assert_eq!(parse_hash(&"ab".repeat(32)).ok(), Some(subxt::utils::H256([0xab; 32])));
		assert!(matches!(parse_hash("0xabcd"), Err(Error::Invalid(_))));
	}
}
