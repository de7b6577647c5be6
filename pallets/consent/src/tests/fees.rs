use super::*;
use frame_support::dispatch::{CheckIfFeeless, GetDispatchInfo};

fn revoke_call(grant: GrantId) -> RuntimeCall {
	RuntimeCall::Consent(crate::Call::revoke { grant })
}

#[test]
fn patients_and_managing_representatives_manage_consent_without_fees() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], None);
		assert!(revoke_call(id).is_feeless(&RuntimeOrigin::signed(PATIENT)));
		assert!(revoke_call(id).is_feeless(&RuntimeOrigin::signed(GUARDIAN)));
		assert!(!revoke_call(id).is_feeless(&RuntimeOrigin::signed(STRANGER)));
		assert!(!revoke_call(id).is_feeless(&RuntimeOrigin::signed(VIEWER)));
		let _ = revoke_call(id).get_dispatch_info();
	});
}

#[test]
fn the_feeless_allowance_is_per_patient_and_per_window() {
	build_and_execute(|| {
		// The first grant used one call of the three; two more, then fees.
		let id = grant_to(DOCTOR, &[LabResults], None);
		grant_to(DOCTOR, &[Imaging], None);
		grant_to(DOCTOR, &[Allergies], None);
		assert!(!revoke_call(id).is_feeless(&RuntimeOrigin::signed(PATIENT)));
		// Another patient's allowance is untouched.
		let other = crate::NextGrantId::<Test>::get();
		frame_support::assert_ok!(Consent::grant(
			RuntimeOrigin::signed(OTHER_PATIENT),
			OTHER_PATIENT,
			DOCTOR,
			set(&[LabResults]),
			CategorySet::empty(),
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			None
		));
		assert!(revoke_call(other).is_feeless(&RuntimeOrigin::signed(OTHER_PATIENT)));
		// A new window restores it.
		System::set_block_number(11);
		assert!(revoke_call(id).is_feeless(&RuntimeOrigin::signed(PATIENT)));
	});
}
