//! Tests of consent, one file per concern and one test per rule.

mod authorization;
mod decision;
mod emergency;
mod fees;
mod grants;
mod inquiries;
mod migrations;
mod random;
mod windows;

use crate::{mock::*, Event};
use medledger_primitives::{
	AccessDecision, AccessLevel, CategorySet, Denial, GrantId, Purpose, RecordCategory,
};

pub(crate) use RecordCategory::*;

pub(crate) fn set(categories: &[RecordCategory]) -> CategorySet {
	CategorySet::of(categories)
}

/// PATIENT grants `grantee` `categories` for treatment, until `ends`.
pub(crate) fn grant_to(
	grantee: AccountId,
	categories: &[RecordCategory],
	ends: Option<u64>,
) -> GrantId {
	let id = crate::NextGrantId::<Test>::get();
	frame_support::assert_ok!(Consent::grant(
		RuntimeOrigin::signed(PATIENT),
		PATIENT,
		grantee,
		set(categories),
		CategorySet::empty(),
		Purpose::Treatment,
		AccessLevel::Read,
		None,
		ends
	));
	id
}

pub(crate) fn decide(
	requester: AccountId,
	category: RecordCategory,
	purpose: Purpose,
) -> AccessDecision {
	Consent::access_decision(
		&requester,
		&PATIENT,
		set(&[category]),
		purpose,
		System::block_number(),
	)
}

pub(crate) fn allowed(grant: GrantId) -> AccessDecision {
	AccessDecision::Allowed { grant: Some(grant) }
}

pub(crate) fn denied(denial: Denial) -> AccessDecision {
	AccessDecision::Denied(denial)
}

pub(crate) fn assert_last(event: Event<Test>) {
	System::assert_last_event(event.into());
}

/// The grants in the index of (patient, grantee), in order.
pub(crate) fn indexed(patient: AccountId, grantee: AccountId) -> Vec<GrantId> {
	crate::GrantIndex::<Test>::get(patient, grantee).iter().map(|entry| entry.grant).collect()
}
