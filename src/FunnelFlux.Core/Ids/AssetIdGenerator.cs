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
    /// <remarks>
    /// Tails are counted in base 36 (a digit, or a letter A-Z / a-z standing for 10-35), and each
    /// of the five places writes its letters in one case, drawn with the millisecond's first tail.
    /// Counted in all 62 characters, tails 26 apart (…A and …a) differ only in case, and
    /// PowerShell compares strings ignoring case by default (hashtable keys, Group-Object,
    /// Sort-Object -Unique, -contains): a 1,000-ID call looked like 589 distinct IDs there. Now
    /// two IDs of one millisecond differ even ignoring case, and the order is still ordinal,
    /// since in each place digits sort before the letters of either case.
    /// </remarks>
    public sealed class AssetIdGenerator : IDisposable
    {
        private readonly object _gate = new object();
        private readonly Func<DateTimeOffset> _clock;
        private readonly Func<long, long>? _randomBelowOverride;
        private readonly bool _isShared;
        private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();
        private readonly byte[] _randomBytes = new byte[4096];
        private int _randomPosition = int.MaxValue;

        /// <summary>36^5: the tails one millisecond (or one call with a chosen time) can count through.</summary>
        internal const long TailSpace = 60466176L;

        /// <summary>One bit per tail place, the first place in bit 0: set where letters are lower case.</summary>
        private const int CaseMasks = 1 << AssetIdFormat.RandomLength;

        // The last ID made on the clock, as its time offset, tail and letter cases; guarded by _gate.
        private long _lastTime = -1;
        private long _lastTail;
        private int _lastCases;

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
                int cases;
                int size;
                lock (_gate)
                {
                    size = Reserve(Math.Min(remaining, BatchSize), remaining, out time, out tail, out cases);
                }
                if (time != writtenTime)
                {
                    AssetIdFormat.WriteDigits(buffer, 0, AssetIdFormat.TimeLength, time);
                    writtenTime = time;
                }
                WriteTail(buffer, tail, cases);
                FillCounting(batch, size, buffer, cases);
                remaining -= size;
                yield return new ArraySegment<string>(batch, 0, size);
            }
        }

        /// <summary>
        /// Makes <paramref name="size"/> IDs into <paramref name="batch"/>: the one in
        /// <paramref name="buffer"/>, then each following tail (the caller made sure they fit).
        /// </summary>
        private static void FillCounting(string[] batch, int size, char[] buffer, int cases)
        {
            batch[0] = new string(buffer);
            for (int i = 1; i < size; i++)
            {
                IncrementTail(buffer, cases);
                batch[i] = new string(buffer);
            }
        }

        /// <summary>
        /// Takes up to <paramref name="wanted"/> IDs at once: the next ID (see NextTimeAndTail),
        /// then the tails after it in the same millisecond, as far as they go. Call under _gate.
        /// </summary>
        private int Reserve(int wanted, int remaining, out long time, out long firstTail, out int cases)
        {
            time = NextTimeAndTail(remaining);
            firstTail = _lastTail;
            cases = _lastCases;
            int extra = (int)Math.Min(wanted - 1, TailSpace - 1 - _lastTail);
            _lastTail += extra;
            return extra + 1;
        }

        /// <summary>Writes <paramref name="tail"/> as five base-36 places, each place's letters in its case from <paramref name="cases"/>.</summary>
        private static void WriteTail(char[] buffer, long tail, int cases)
        {
            for (int place = AssetIdFormat.RandomLength - 1; place >= 0; place--)
            {
                buffer[AssetIdFormat.TimeLength + place] = TailChar((int)(tail % 36), cases, place);
                tail /= 36;
            }
        }

        private static char TailChar(int digit, int cases, int place) =>
            digit < 10 ? (char)('0' + digit) : (char)(((cases >> place) & 1) != 0 ? 'a' + digit - 10 : 'A' + digit - 10);

        /// <summary>Adds one to the base-36 tail in <paramref name="buffer"/> (a batch never runs past the last tail).</summary>
        private static void IncrementTail(char[] buffer, int cases)
        {
            for (int place = AssetIdFormat.RandomLength - 1; place >= 0; place--)
            {
                int i = AssetIdFormat.TimeLength + place;
                char c = buffer[i];
                if (c == 'z' || c == 'Z')
                {
                    buffer[i] = '0';
                    continue;
                }
                buffer[i] = c == '9' ? TailChar(10, cases, place) : (char)(c + 1);
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
                if (_lastTail < TailSpace - 1)
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
            _lastTail = NextRandomBelow(TailSpace - remaining + 1);
            _lastCases = (int)NextRandomBelow(CaseMasks);
            _lastTime = time;
            return time;
        }

        private IEnumerable<ArraySegment<string>> BatchesAt(int count, long time)
        {
            var buffer = new char[AssetIdFormat.Length];
            var batch = new string[Math.Min(count, BatchSize)];
            AssetIdFormat.WriteDigits(buffer, 0, AssetIdFormat.TimeLength, time);
            // The first draw leaves room for every ID of the call, so the count never overflows.
            long tail = NextRandomBelow(TailSpace - count + 1);
            int cases = (int)NextRandomBelow(CaseMasks);
            WriteTail(buffer, tail, cases);
            for (int made = 0; made < count;)
            {
                if (made > 0)
                {
                    IncrementTail(buffer, cases);
                }
                int size = Math.Min(BatchSize, count - made);
                FillCounting(batch, size, buffer, cases);
                made += size;
                yield return new ArraySegment<string>(batch, 0, size);
            }
        }

        /// <summary>
        /// A uniform value in [0, <paramref name="bound"/>) from the cryptographic source: a 30-bit
        /// draw (bounds stay below 2^30) is kept only below the largest multiple of the bound, then
        /// reduced, so no modulo bias.
        /// </summary>
        internal long NextRandomBelow(long bound)
        {
            if (_randomBelowOverride != null)
            {
                return _randomBelowOverride(bound);
            }
            long accepted = (1L << 30) - ((1L << 30) % bound);
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
                    if (draw < accepted)
                    {
                        return draw % bound;
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
