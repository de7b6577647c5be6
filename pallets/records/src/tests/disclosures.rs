use super::*;
use crate::{Disclosure, DisclosureLog, DisclosureLogs, Error};
use frame_support::{assert_noop, assert_ok};
use medledger_primitives::{GrantId, Purpose};

fn receipt(
	record: RecordId,
	requester: AccountId,
	grant: Option<GrantId>,
) -> Disclosure<AccountId> {
	Disclosure { record, requester, grant, purpose: Purpose::Treatment }
}

#[test]
fn custodian_reports_releases_and_the_patient_can_check_completeness() {
	build_and_execute(|| {
		let record = lab_result();
		let grant = consent_to(OTHER_CLINIC, None);
		let batch =
			vec![receipt(record, OTHER_DOCTOR, Some(grant)), receipt(record, PATIENT, None)];
		assert_ok!(Records::report_disclosures(RuntimeOrigin::signed(CLINIC), batch.clone()));
		assert_last(Event::Disclosed {
			record,
			patient: PATIENT,
			requester: PATIENT,
			grant: None,
			purpose: Purpose::Treatment,
			index: 2,
		});
		// Replaying the receipts the patient saw gives the head on chain.
		let block = System::block_number();
		let replayed = batch.iter().fold(DisclosureLog::default(), |log, d| log.append(&block, d));
		assert_eq!(DisclosureLogs::<Test>::get(PATIENT), replayed);
		assert_eq!(replayed.count, 2);
		// A list missing one receipt does not.
		let partial = DisclosureLog::default().append(&block, &batch[0]);
		assert_ne!(DisclosureLogs::<Test>::get(PATIENT).head, partial.head);
	});
}

#[test]
fn only_the_records_custodian_reports_for_it() {
	build_and_execute(|| {
		let record = lab_result();
		for who in [OTHER_CLINIC, OTHER_DOCTOR, STRANGER, PATIENT] {
			assert_noop!(
				Records::report_disclosures(
					RuntimeOrigin::signed(who),
					vec![receipt(record, PATIENT, None)]
				),
				Error::<Test>::NotCustodian
			);
		}
		// The custodian's practitioner may report for it.
		assert_ok!(Records::report_disclosures(
			RuntimeOrigin::signed(DOCTOR),
			vec![receipt(record, PATIENT, None)]
		));
	});
}

#[test]
fn a_receipt_must_name_a_grant_of_the_patient_to_the_requester() {
	build_and_execute(|| {
		let record = lab_result();
		let grant = consent_to(INSURER, None);
		assert_noop!(
			Records::report_disclosures(
				RuntimeOrigin::signed(CLINIC),
				vec![receipt(record, OTHER_DOCTOR, Some(grant))]
			),
			Error::<Test>::GrantMismatch
		);
		assert_noop!(
			Records::report_disclosures(
				RuntimeOrigin::signed(CLINIC),
				vec![receipt(record, INSURER, Some(GrantId(77)))]
			),
			Error::<Test>::GrantMismatch
		);
	});
}

#[test]
fn a_bad_receipt_loses_the_whole_batch() {
	build_and_execute(|| {
		let record = lab_result();
		let batch = vec![receipt(record, PATIENT, None), receipt(RecordId(99), PATIENT, None)];
		assert_noop!(
			Records::report_disclosures(RuntimeOrigin::signed(CLINIC), batch),
			Error::<Test>::NoSuchRecord
		);
		assert_eq!(DisclosureLogs::<Test>::get(PATIENT).count, 0);
	});
}

#[test]
fn reports_are_bounded_and_not_empty() {
	build_and_execute(|| {
		let record = lab_result();
		assert_noop!(
			Records::report_disclosures(RuntimeOrigin::signed(CLINIC), vec![]),
			Error::<Test>::InvalidReport
		);
		assert_noop!(
			Records::report_disclosures(
				RuntimeOrigin::signed(CLINIC),
				vec![receipt(record, PATIENT, None); 5]
			),
			Error::<Test>::InvalidReport
		);
	});
}
