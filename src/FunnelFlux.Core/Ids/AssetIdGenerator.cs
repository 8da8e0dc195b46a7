using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace FunnelFlux.Ids
{
    /// <summary>
    /// Makes FunnelFlux asset IDs. One generator is safe to share between threads and runspaces,
    /// and every ID it makes on the clock is greater, in ordinal string order, than every ID it made
    /// before, across calls and threads: the first ID of each millisecond takes a random tail drawn
    /// from a cryptographic source, and the following IDs of that millisecond, from whichever call,
    /// count upward from it. <see cref="Shared"/> is the one generator of the process that the
    /// cmdlets use. IDs with a chosen timestamp are distinct and ascending within their call only.
    /// </summary>
    public sealed class AssetIdGenerator : IDisposable
    {
        private readonly object _gate = new object();
        private readonly Func<DateTimeOffset> _clock;
        private readonly Func<long, long>? _randomBelowOverride;
        private readonly bool _isShared;
        private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();
        private readonly byte[] _randomBytes = new byte[4096];
        private int _randomPosition = int.MaxValue;

        // The last ID made on the clock, as its time offset and tail; guarded by _gate.
        private long _lastTime = -1;
        private long _lastTail;

        /// <summary>The process's generator on the system clock; disposing it does nothing.</summary>
        public static AssetIdGenerator Shared { get; } = new AssetIdGenerator(() => DateTimeOffset.UtcNow, null, isShared: true);

        /// <summary>A generator on the system clock.</summary>
        public AssetIdGenerator() : this(() => DateTimeOffset.UtcNow)
        {
        }

        /// <summary>A generator on the given clock (for tests and reproducible times).</summary>
        public AssetIdGenerator(Func<DateTimeOffset> clock) : this(clock, null, isShared: false)
        {
        }

        /// <summary>For tests: <paramref name="randomBelow"/> replaces the random source (bound in, value below it out).</summary>
        internal AssetIdGenerator(Func<DateTimeOffset> clock, Func<long, long>? randomBelow) : this(clock, randomBelow, isShared: false)
        {
        }

        private AssetIdGenerator(Func<DateTimeOffset> clock, Func<long, long>? randomBelow, bool isShared)
        {
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _randomBelowOverride = randomBelow;
            _isShared = isShared;
        }

        /// <summary>
        /// Yields <paramref name="count"/> IDs, lazily. With <paramref name="timestamp"/>, every ID
        /// carries that time; without it, each carries the clock's time when it is made (read once
        /// per batch of up to 1,024 IDs, so microseconds before; never earlier than the generator's
        /// previous ID, should the clock step back).
        /// </summary>
        public IEnumerable<string> Generate(int count, DateTimeOffset? timestamp = null) =>
            OneByOne(GenerateInBatches(count, timestamp));

        /// <summary>
        /// The same IDs as <see cref="Generate"/>, in order, handed out in batches of up to
        /// 1,024: a caller that writes many loops over an array instead of asking an enumerator
        /// for every ID. Each batch's array is reused for the next batch, so take what is needed
        /// from a batch before asking for the next. Bad arguments throw here, before anything is made.
        /// </summary>
        public IEnumerable<ArraySegment<string>> GenerateInBatches(int count, DateTimeOffset? timestamp = null)
        {
            if (count < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be at least 1.");
            }
            if (timestamp.HasValue)
            {
                AssetIdFormat.EnsureInRange(timestamp.Value, nameof(timestamp));
                return BatchesAt(count, AssetIdFormat.ToTimeOffset(timestamp.Value));
            }
            return BatchesOnClock(count);
        }

        private static IEnumerable<string> OneByOne(IEnumerable<ArraySegment<string>> batches)
        {
            foreach (ArraySegment<string> batch in batches)
            {
                string[] ids = batch.Array!;
                for (int i = batch.Offset; i < batch.Offset + batch.Count; i++)
                {
                    yield return ids[i];
                }
            }
        }

        /// <summary>
        /// How many IDs one turn of the lock hands out: consecutive tails of one millisecond, made
        /// by counting in the buffer. The clock is read once per batch, so an ID may carry a time a
        /// few microseconds old; the order and uniqueness rules are those of single IDs.
        /// </summary>
        private const int BatchSize = 1024;

        private IEnumerable<ArraySegment<string>> BatchesOnClock(int count)
        {
            var buffer = new char[AssetIdFormat.Length];
            var batch = new string[Math.Min(count, BatchSize)];
            long writtenTime = -1;
            int remaining = count;
            while (remaining > 0)
            {
                long time;
                long tail;
                int size;
                lock (_gate)
                {
                    size = Reserve(Math.Min(remaining, BatchSize), remaining, out time, out tail);
                }
                if (time != writtenTime)
                {
                    AssetIdFormat.WriteDigits(buffer, 0, AssetIdFormat.TimeLength, time);
                    writtenTime = time;
                }
                AssetIdFormat.WriteDigits(buffer, AssetIdFormat.TimeLength, AssetIdFormat.RandomLength, tail);
                FillCounting(batch, size, buffer);
                remaining -= size;
                yield return new ArraySegment<string>(batch, 0, size);
            }
        }

        /// <summary>
        /// Makes <paramref name="size"/> IDs into <paramref name="batch"/>: the one in
        /// <paramref name="buffer"/>, then each following tail (the caller made sure they fit).
        /// </summary>
        private static void FillCounting(string[] batch, int size, char[] buffer)
        {
            batch[0] = new string(buffer);
            for (int i = 1; i < size; i++)
            {
                IncrementTail(buffer);
                batch[i] = new string(buffer);
            }
        }

        /// <summary>
        /// Takes up to <paramref name="wanted"/> IDs at once: the next ID (see NextTimeAndTail),
        /// then the tails after it in the same millisecond, as far as they go. Call under _gate.
        /// </summary>
        private int Reserve(int wanted, int remaining, out long time, out long firstTail)
        {
            time = NextTimeAndTail(remaining);
            firstTail = _lastTail;
            int extra = (int)Math.Min(wanted - 1, AssetIdFormat.RandomSpace - 1 - _lastTail);
            _lastTail += extra;
            return extra + 1;
        }

        /// <summary>Adds one to the base-62 tail in <paramref name="buffer"/> (a batch never runs past zzzzz).</summary>
        private static void IncrementTail(char[] buffer)
        {
            for (int i = AssetIdFormat.Length - 1; i >= AssetIdFormat.TimeLength; i--)
            {
                char c = buffer[i];
                if (c == 'z')
                {
                    buffer[i] = '0';
                    continue;
                }
                buffer[i] = c == '9' ? 'A' : c == 'Z' ? 'a' : (char)(c + 1);
                return;
            }
        }

        /// <summary>
        /// Moves the generator to its next ID and returns its time offset (the tail is in _lastTail).
        /// A new millisecond draws its tail with room left for the <paramref name="remaining"/> IDs
        /// of the calling call. Should the tails of a millisecond run out all the same (parallel
        /// calls, or a clock that stepped back), the time moves on by one millisecond rather than
        /// repeat an ID or break the order. Call under _gate.
        /// </summary>
        private long NextTimeAndTail(int remaining)
        {
            DateTimeOffset now = _clock();
            AssetIdFormat.EnsureInRange(now, "clock");
            long time = Math.Max(AssetIdFormat.ToTimeOffset(now), _lastTime);
            if (time == _lastTime)
            {
                if (_lastTail < AssetIdFormat.RandomSpace - 1)
                {
                    _lastTail++;
                    return time;
                }
                time++;
                if (time > AssetIdFormat.MaxTimeOffset)
                {
                    throw new InvalidOperationException(
                        $"No more asset IDs can be made: the last millisecond the format can express ({InvariantText.UtcIso(AssetIdFormat.MaxTimestamp)}) is used up.");
                }
            }
            _lastTail = NextRandomBelow(AssetIdFormat.RandomSpace - remaining + 1);
            _lastTime = time;
            return time;
        }

        private IEnumerable<ArraySegment<string>> BatchesAt(int count, long time)
        {
            var buffer = new char[AssetIdFormat.Length];
            var batch = new string[Math.Min(count, BatchSize)];
            AssetIdFormat.WriteDigits(buffer, 0, AssetIdFormat.TimeLength, time);
            // The first draw leaves room for every ID of the call, so the count never overflows.
            long tail = NextRandomBelow(AssetIdFormat.RandomSpace - count + 1);
            AssetIdFormat.WriteDigits(buffer, AssetIdFormat.TimeLength, AssetIdFormat.RandomLength, tail);
            for (int made = 0; made < count;)
            {
                if (made > 0)
                {
                    IncrementTail(buffer);
                }
                int size = Math.Min(BatchSize, count - made);
                FillCounting(batch, size, buffer);
                made += size;
                yield return new ArraySegment<string>(batch, 0, size);
            }
        }

        /// <summary>
        /// A uniform value in [0, <paramref name="bound"/>) from the cryptographic source, by
        /// rejection sampling on 30-bit draws (bound never exceeds 62^5 &lt; 2^30), so no modulo bias.
        /// </summary>
        internal long NextRandomBelow(long bound)
        {
            if (_randomBelowOverride != null)
            {
                return _randomBelowOverride(bound);
            }
            lock (_gate)
            {
                while (true)
                {
                    if (_randomPosition > _randomBytes.Length - 4)
                    {
                        _random.GetBytes(_randomBytes);
                        _randomPosition = 0;
                    }
                    long draw = BitConverter.ToUInt32(_randomBytes, _randomPosition) & 0x3FFFFFFF;
                    _randomPosition += 4;
                    if (draw < bound)
                    {
                        return draw;
                    }
                }
            }
        }

        /// <summary>Releases the random source; the shared generator lives as long as the process.</summary>
        public void Dispose()
        {
            if (!_isShared)
            {
                _random.Dispose();
            }
        }
    }
}
