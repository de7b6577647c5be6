//! Benchmarks of document sets and disclosure receipts, each at its worst case.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// Makes a patient and a practitioner of an active provider, for the benchmarks.
fn parties<T: Config>() -> (T::AccountId, T::AccountId) {
	T::BenchmarkHelper::setup()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_document_set() -> Result<(), BenchmarkError> {
		let (patient, practitioner) = parties::<T>();
		let metadata = alloc::vec![0u8; T::MaxMetadataLength::get() as usize];
		let first = NextRecordId::<T>::get();
		Pallet::<T>::register_document_set(
			RawOrigin::Signed(practitioner.clone()).into(),
			patient.clone(),
			RecordCategory::LabResults,
			medledger_primitives::LabelSet::empty(),
			H256::zero(),
			1,
			metadata.clone(),
			None,
		)?;

		// The worst case amends an earlier record.
		#[extrinsic_call]
		_(
			RawOrigin::Signed(practitioner),
			patient,
			RecordCategory::LabResults,
			medledger_primitives::LabelSet::empty(),
			H256::repeat_byte(1),
			2,
			metadata,
			Some(first),
		);

		assert!(DocumentSets::<T>::get(first).is_some_and(|d| d.superseded_by.is_some()));
		Ok(())
	}

	#[benchmark]
	fn dispute() -> Result<(), BenchmarkError> {
		let (patient, practitioner) = parties::<T>();
		let record = NextRecordId::<T>::get();
		Pallet::<T>::register_document_set(
			RawOrigin::Signed(practitioner).into(),
			patient.clone(),
			RecordCategory::LabResults,
			medledger_primitives::LabelSet::empty(),
			H256::zero(),
			1,
			alloc::vec![],
			None,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), record, H256::repeat_byte(9));

		assert!(DocumentSets::<T>::get(record).is_some_and(|d| d.dispute.is_some()));
		Ok(())
	}

	/// Every receipt is of another record, patient, requester and grant, each checked and
	/// read afresh: nothing is warm in the cache that a real report would find cold.
	#[benchmark]
	fn report_disclosures(
		n: Linear<1, { T::MaxDisclosuresPerReport::get() }>,
	) -> Result<(), BenchmarkError> {
		let (_, practitioner) = parties::<T>();
		let now = frame_system::Pallet::<T>::block_number();
		let mut receipts = Vec::new();
		let mut patients = Vec::new();
		for i in 0..n {
			let patient = T::BenchmarkHelper::patient(i);
			let record = NextRecordId::<T>::get();
			Pallet::<T>::register_document_set(
				RawOrigin::Signed(practitioner.clone()).into(),
				patient.clone(),
				RecordCategory::LabResults,
				medledger_primitives::LabelSet::empty(),
				H256::repeat_byte(i as u8),
				1,
				alloc::vec![],
				None,
			)?;
			let requester: T::AccountId = account("requester", i, 0);
			let grant = T::BenchmarkHelper::grant(&patient, &requester);
			receipts.push(Disclosure {
				record,
				requester,
				grant: Some(grant),
				purpose: Purpose::Treatment,
				released_at: now,
			});
			patients.push(patient);
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(practitioner), receipts);

		for patient in patients {
			assert_eq!(DisclosureLogs::<T>::get(&patient).count, 1);
		}
		Ok(())
	}

	/// A record's facts, as the contracts' chain extension reads them: one document set, at
	/// its largest (the longest metadata, disputed).
	#[benchmark]
	fn record_facts() -> Result<(), BenchmarkError> {
		let (patient, practitioner) = parties::<T>();
		let record = NextRecordId::<T>::get();
		Pallet::<T>::register_document_set(
			RawOrigin::Signed(practitioner).into(),
			patient.clone(),
			RecordCategory::LabResults,
			medledger_primitives::LabelSet::empty(),
			H256::zero(),
			1,
			alloc::vec![0u8; T::MaxMetadataLength::get() as usize],
			None,
		)?;
		Pallet::<T>::dispute(RawOrigin::Signed(patient).into(), record, H256::repeat_byte(9))?;
		let facts;

		#[block]
		{
			facts = DocumentSets::<T>::get(record);
		}

		assert!(facts.is_some_and(|d| d.dispute.is_some()));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
