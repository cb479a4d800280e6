//! A stable insertion sort for the engine's short lists, bounded by the rate
//! card (a plan's purchase options, an item's options, which the feature
//! defines): each instantiation of the standard library's sort adds
//! kilobytes to the wasm modules. It is quadratic, so lists a request can
//! make long (usage keys, a day's actions, a comparison's rows) use the
//! standard sort, and a wallet's grants a `BTreeSet` (`ledger/burn_down.rs`).
//! The unit test keeps `slice::sort_by` as its oracle.

/// Sorts `v` by `cmp`, stably, in place.
pub(crate) fn insertion_sort<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while let Some(before) = j.checked_sub(1) {
            let (Some(a), Some(b)) = (v.get(before), v.get(j)) else { break };
            if cmp(a, b) != std::cmp::Ordering::Greater {
                break;
            }
            v.swap(before, j);
            j = before;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
mod tests {
    use super::insertion_sort;

    #[test]
    fn insertion_sort_orders_as_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for n in 0..40usize {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let (mut ours, mut std) = (v.clone(), v);
            insertion_sort(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std);
        }
    }
}
