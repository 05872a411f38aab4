//! A map whose entries expire and whose size is capped: the demo's per-request state (failed-login
//! counters, device grants) is keyed by what clients send, so it must not grow with what they
//! send. Standard library only: a hash map for lookups, and the entries ordered by when they were
//! last written, so that expired entries and the oldest one are found without a scan.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::time::{Duration, Instant};

/// Entries live `ttl` after their last [`insert`](Self::insert); at most `capacity` are kept.
pub(crate) struct ExpiringMap<K, V> {
    entries: HashMap<K, Entry<V>>,
    /// Every key once, by (last write, write number): the write number orders writes made at the
    /// same instant, and tells an entry's place in this map.
    by_age: BTreeMap<(Instant, u64), K>,
    writes: u64,
    ttl: Duration,
    capacity: usize,
}

struct Entry<V> {
    value: V,
    written: Instant,
    write: u64,
}

impl<K: Hash + Eq + Clone, V> ExpiringMap<K, V> {
    pub(crate) fn new(ttl: Duration, capacity: usize) -> Self {
        ExpiringMap {
            entries: HashMap::new(),
            by_age: BTreeMap::new(),
            writes: 0,
            ttl,
            capacity,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The value of `key`, unless it expired by `now`.
    pub(crate) fn get<Q>(&self, key: &Q, now: Instant) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.entries
            .get(key)
            .filter(|entry| !self.expired(entry, now))
            .map(|entry| &entry.value)
    }

    /// The value of `key`, unless it expired by `now`; changing it does not extend its life.
    pub(crate) fn get_mut<Q>(&mut self, key: &Q, now: Instant) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let ttl = self.ttl;
        self.entries
            .get_mut(key)
            .filter(|entry| now.saturating_duration_since(entry.written) < ttl)
            .map(|entry| &mut entry.value)
    }

    /// Writes `value` under `key`, which lives `ttl` from `now`. When `key` is new and the map is
    /// full, the oldest entry makes room and is returned.
    pub(crate) fn insert(&mut self, key: K, value: V, now: Instant) -> Option<(K, V)> {
        let evicted = if self.entries.contains_key(&key) || self.entries.len() < self.capacity {
            None
        } else {
            self.pop_oldest()
        };
        self.writes += 1;
        let entry = Entry {
            value,
            written: now,
            write: self.writes,
        };
        if let Some(previous) = self.entries.insert(key.clone(), entry) {
            self.by_age.remove(&(previous.written, previous.write));
        }
        self.by_age.insert((now, self.writes), key);
        evicted
    }

    pub(crate) fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let entry = self.entries.remove(key)?;
        self.by_age.remove(&(entry.written, entry.write));
        Some(entry.value)
    }

    /// Removes and returns the least recently written entry.
    pub(crate) fn pop_oldest(&mut self) -> Option<(K, V)> {
        let (_, key) = self.by_age.pop_first()?;
        let entry = self.entries.remove(&key)?;
        Some((key, entry.value))
    }

    /// Removes and returns one entry that expired by `now`, the oldest first.
    pub(crate) fn pop_expired(&mut self, now: Instant) -> Option<(K, V)> {
        let (&(written, _), _) = self.by_age.first_key_value()?;
        if now.saturating_duration_since(written) < self.ttl {
            return None;
        }
        self.pop_oldest()
    }

    /// When the oldest entry expires: the earliest a full map has room again without evicting.
    pub(crate) fn next_expiry(&self) -> Option<Instant> {
        let (&(written, _), _) = self.by_age.first_key_value()?;
        Some(written + self.ttl)
    }

    fn expired(&self, entry: &Entry<V>, now: Instant) -> bool {
        now.saturating_duration_since(entry.written) >= self.ttl
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_a_ttl_after_their_last_write_and_the_oldest_makes_room() {
        let start = Instant::now();
        let ttl = Duration::from_secs(10);
        let mut map = ExpiringMap::new(ttl, 2);
        assert!(map.insert("a", 1, start).is_none());
        assert!(map.insert("b", 2, start).is_none());
        // Rewriting `a` makes `b` the oldest, whatever the clock says.
        assert!(map.insert("a", 3, start).is_none());
        assert_eq!(map.insert("c", 4, start), Some(("b", 2)));
        assert_eq!(map.len(), 2);

        let later = start + ttl;
        assert_eq!(map.get(&"a", later), None, "expired");
        assert_eq!(map.get(&"a", later - Duration::from_secs(1)), Some(&3));
        assert_eq!(map.next_expiry(), Some(later));
        assert_eq!(map.pop_expired(later), Some(("a", 3)));
        assert_eq!(map.pop_expired(later), Some(("c", 4)));
        assert_eq!(map.pop_expired(later), None);
        assert_eq!(map.len(), 0);
    }
}
