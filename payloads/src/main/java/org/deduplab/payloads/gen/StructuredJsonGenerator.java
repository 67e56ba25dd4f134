package org.deduplab.payloads.gen;

import org.deduplab.payloads.PayloadType;

/**
 * JSON Lines export of e-commerce events, the shape of an application's event table or an API
 * dump: a fixed key set per record, a per-file pool of recurring users (real exports repeat their
 * users), random ids and session tokens, monotonically increasing timestamps, 1-4 line items.
 * Random identifiers keep it from being one repeated string; zstd-3 compresses it about 5-7x
 * (band 3x-12x, tested per file). Lines are padded with spaces to the exact file size.
 */
final class StructuredJsonGenerator extends ContentGenerator {
    private static final int MAX_RECORD = 1024;
    private static final int USERS_PER_FILE = 256;
    private static final byte[][] EVENTS = ByteSink.asciiAll(
            "page_view",
            "search",
            "add_to_cart",
            "remove_from_cart",
            "checkout_started",
            "payment_authorized",
            "order_placed",
            "order_shipped",
            "refund_requested",
            "login",
            "logout",
            "review_posted");
    private static final byte[][] FIRST = ByteSink.asciiAll(
            "Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Karin", "Luca", "Maya",
            "Noah", "Olga", "Paul", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe",
            "Aiko", "Bruno", "Carla", "Dmitri", "Elena", "Farid");
    private static final byte[][] LAST = ByteSink.asciiAll(
            "Schmidt",
            "Garcia",
            "Nguyen",
            "Kowalski",
            "Rossi",
            "Dubois",
            "Silva",
            "Tanaka",
            "Johnson",
            "Okafor",
            "Novak",
            "Jensen",
            "Haddad",
            "Kim",
            "Murphy",
            "Petrov",
            "Andersson",
            "Costa",
            "Fischer",
            "Lopez",
            "Martin",
            "Moreau",
            "Yilmaz",
            "Wagner",
            "Ivanova",
            "Chen",
            "Brown",
            "Singh",
            "Weber",
            "Santos",
            "Horvat",
            "Larsen");
    private static final byte[][] COUNTRIES = ByteSink.asciiAll(
            "DE", "FR", "US", "GB", "ES", "IT", "NL", "PL", "SE", "JP", "BR", "IN", "CA", "AU", "CH", "AT");
    private static final byte[][] CURRENCIES = ByteSink.asciiAll("EUR", "USD", "GBP", "JPY", "CHF");
    private static final byte[][] TIERS = ByteSink.asciiAll("free", "basic", "gold", "platinum");
    private static final byte[][] AGENTS = ByteSink.asciiAll(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
            "okhttp/4.12.0",
            "python-requests/2.32.3",
            "curl/8.11.0");
    private static final byte[][] PAGES = ByteSink.asciiAll(
            "/", "/search", "/product/", "/cart", "/checkout", "/account/orders", "/category/", "/help/");

    private static final byte[] K_ID = ByteSink.ascii("{\"event_id\":\"");
    private static final byte[] K_TS = ByteSink.ascii("\",\"ts\":\"");
    private static final byte[] K_TYPE = ByteSink.ascii("Z\",\"type\":\"");
    private static final byte[] K_USER = ByteSink.ascii("\",\"user\":{\"id\":");
    private static final byte[] K_NAME = ByteSink.ascii(",\"name\":\"");
    private static final byte[] K_COUNTRY = ByteSink.ascii("\",\"country\":\"");
    private static final byte[] K_TIER = ByteSink.ascii("\",\"tier\":\"");
    private static final byte[] K_SESSION = ByteSink.ascii("\"},\"session\":\"");
    private static final byte[] K_PAGE = ByteSink.ascii("\",\"page\":\"");
    private static final byte[] K_AMOUNT = ByteSink.ascii("\",\"amount\":");
    private static final byte[] K_CURRENCY = ByteSink.ascii(",\"currency\":\"");
    private static final byte[] K_ITEMS = ByteSink.ascii("\",\"items\":[");
    private static final byte[] K_SKU = ByteSink.ascii("{\"sku\":\"SKU-");
    private static final byte[] K_QTY = ByteSink.ascii("\",\"qty\":");
    private static final byte[] K_PRICE = ByteSink.ascii(",\"price\":");
    private static final byte[] K_DEVICE = ByteSink.ascii("],\"device\":{\"ua\":\"");
    private static final byte[] K_IP = ByteSink.ascii("\",\"ip\":\"");
    private static final byte[] K_LATENCY = ByteSink.ascii("\"},\"latency_ms\":");
    private static final byte[] K_OK = ByteSink.ascii(",\"ok\":");
    private static final byte[] TRUE = ByteSink.ascii("true}\n");
    private static final byte[] FALSE = ByteSink.ascii("false}\n");

    StructuredJsonGenerator(long datasetSeed) {
        super(PayloadType.STRUCTURED_JSON, datasetSeed);
    }

    @Override
    public String extension(long ordinal) {
        return "jsonl";
    }

    @Override
    public byte[] content(long ordinal) {
        int size = size(ordinal);
        SplitMix64 r = rng(ordinal, 0x15);
        // the per-file user pool
        long[] userId = new long[USERS_PER_FILE];
        int[] userAttrs = new int[USERS_PER_FILE];
        long[] userSession = new long[USERS_PER_FILE];
        int[] userIp = new int[USERS_PER_FILE];
        for (int u = 0; u < USERS_PER_FILE; u++) {
            userId[u] = 1_000_000 + r.nextInt(9_000_000);
            userAttrs[u] = (int) r.nextLong();
            userSession[u] = r.nextLong();
            userIp[u] = (int) r.nextLong();
        }
        int year = 2024 + r.nextInt(3);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(28);
        long millisOfDay = r.nextInt(86_400_000);

        ByteSink out = new ByteSink(size + MAX_RECORD);
        while (out.len + MAX_RECORD <= size) {
            long bits = r.nextLong();
            int u = (int) (bits & (USERS_PER_FILE - 1));
            int attrs = userAttrs[u];
            millisOfDay = (millisOfDay + 1 + ((bits >>> 8) & 2047)) % 86_400_000;
            out.put(K_ID).hex(r.nextLong(), 16).hex(r.nextLong(), 16);
            out.put(K_TS).isoTime(year, month, day, millisOfDay);
            out.put(K_TYPE).put(EVENTS[(int) ((bits >>> 20) % EVENTS.length)]);
            out.put(K_USER).dec(userId[u]);
            out.put(K_NAME).put(FIRST[attrs & 31]).put(' ').put(LAST[(attrs >>> 5) & 31]);
            out.put(K_COUNTRY).put(COUNTRIES[(attrs >>> 10) & 15]);
            out.put(K_TIER).put(TIERS[(attrs >>> 14) & 3]);
            out.put(K_SESSION).hex(userSession[u], 16);
            int page = (int) ((bits >>> 24) & 7);
            out.put(K_PAGE).put(PAGES[page]);
            if (page == 2 || page == 6) {
                out.dec((bits >>> 27) & 0xFFFF);
            }
            long amountCents = ((bits >>> 43) & 0x3FFFF);
            out.put(K_AMOUNT).money(amountCents);
            out.put(K_CURRENCY).put(CURRENCIES[(attrs >>> 16) % CURRENCIES.length]);
            out.put(K_ITEMS);
            long itemBits = r.nextLong();
            int items = 1 + (int) (itemBits & 3);
            for (int i = 0; i < items; i++) {
                long ib = itemBits >>> (2 + i * 15);
                if (i > 0) {
                    out.put(',');
                }
                out.put(K_SKU).dec(10_000 + (ib & 0x1FFF), 5);
                out.put(K_QTY).dec(1 + ((ib >>> 13) & 3));
                out.put(K_PRICE).money(99 + ((r.nextLong() >>> 50) & 0x3FFF));
                out.put('}');
            }
            out.put(K_DEVICE).put(AGENTS[(attrs >>> 19) & 7]);
            int ip = userIp[u];
            out.put(K_IP)
                    .dec(10)
                    .put('.')
                    .dec((ip >>> 16) & 255)
                    .put('.')
                    .dec((ip >>> 8) & 255)
                    .put('.')
                    .dec(ip & 255);
            out.put(K_LATENCY)
                    .dec((itemBits >>> 62) == 0 ? 200 + ((itemBits >>> 40) & 1023) : 3 + ((itemBits >>> 40) & 63));
            out.put(K_OK).put(((bits >>> 61) & 7) == 0 ? FALSE : TRUE);
        }
        // pad to the exact size with blanks before a final newline: the file stays valid JSON Lines
        while (out.len < size - 1) {
            out.put(' ');
        }
        out.put('\n');
        return out.toArray(size);
    }
}
