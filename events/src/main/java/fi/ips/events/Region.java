package fi.ips.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The wellbeing services counties (hyvinvointialueet) by their Statistics Finland codes, with
 * official names in Finnish, Swedish and English. Written in JSON as the two-digit code.
 * Helsinki organises the services itself; Åland is outside the reform and accepted for completeness.
 */
public enum Region {
    ITA_UUSIMAA("01", "Itä-Uudenmaan hyvinvointialue", "Östra Nylands välfärdsområde", "Eastern Uusimaa Wellbeing Services County"),
    KESKI_UUSIMAA("02", "Keski-Uudenmaan hyvinvointialue", "Mellersta Nylands välfärdsområde", "Central Uusimaa Wellbeing Services County"),
    LANSI_UUSIMAA("03", "Länsi-Uudenmaan hyvinvointialue", "Västra Nylands välfärdsområde", "Western Uusimaa Wellbeing Services County"),
    VANTAA_KERAVA("04", "Vantaan ja Keravan hyvinvointialue", "Vanda och Kervo välfärdsområde", "Vantaa and Kerava Wellbeing Services County"),
    VARSINAIS_SUOMI("05", "Varsinais-Suomen hyvinvointialue", "Egentliga Finlands välfärdsområde", "Southwest Finland Wellbeing Services County"),
    SATAKUNTA("06", "Satakunnan hyvinvointialue", "Satakunta välfärdsområde", "Satakunta Wellbeing Services County"),
    KANTA_HAME("07", "Kanta-Hämeen hyvinvointialue", "Egentliga Tavastlands välfärdsområde", "Kanta-Häme Wellbeing Services County"),
    PIRKANMAA("08", "Pirkanmaan hyvinvointialue", "Birkalands välfärdsområde", "Pirkanmaa Wellbeing Services County"),
    PAIJAT_HAME("09", "Päijät-Hämeen hyvinvointialue", "Päijänne-Tavastlands välfärdsområde", "Päijät-Häme Wellbeing Services County"),
    KYMENLAAKSO("10", "Kymenlaakson hyvinvointialue", "Kymmenedalens välfärdsområde", "Kymenlaakso Wellbeing Services County"),
    ETELA_KARJALA("11", "Etelä-Karjalan hyvinvointialue", "Södra Karelens välfärdsområde", "South Karelia Wellbeing Services County"),
    ETELA_SAVO("12", "Etelä-Savon hyvinvointialue", "Södra Savolax välfärdsområde", "South Savo Wellbeing Services County"),
    POHJOIS_SAVO("13", "Pohjois-Savon hyvinvointialue", "Norra Savolax välfärdsområde", "North Savo Wellbeing Services County"),
    POHJOIS_KARJALA("14", "Pohjois-Karjalan hyvinvointialue", "Norra Karelens välfärdsområde", "North Karelia Wellbeing Services County"),
    KESKI_SUOMI("15", "Keski-Suomen hyvinvointialue", "Mellersta Finlands välfärdsområde", "Central Finland Wellbeing Services County"),
    ETELA_POHJANMAA("16", "Etelä-Pohjanmaan hyvinvointialue", "Södra Österbottens välfärdsområde", "South Ostrobothnia Wellbeing Services County"),
    POHJANMAA("17", "Pohjanmaan hyvinvointialue", "Österbottens välfärdsområde", "Ostrobothnia Wellbeing Services County"),
    KESKI_POHJANMAA("18", "Keski-Pohjanmaan hyvinvointialue", "Mellersta Österbottens välfärdsområde", "Central Ostrobothnia Wellbeing Services County"),
    POHJOIS_POHJANMAA("19", "Pohjois-Pohjanmaan hyvinvointialue", "Norra Österbottens välfärdsområde", "North Ostrobothnia Wellbeing Services County"),
    KAINUU("20", "Kainuun hyvinvointialue", "Kajanalands välfärdsområde", "Kainuu Wellbeing Services County"),
    LAPPI("21", "Lapin hyvinvointialue", "Lapplands välfärdsområde", "Lapland Wellbeing Services County"),
    HELSINKI("90", "Helsingin kaupunki", "Helsingfors stad", "City of Helsinki"),
    AHVENANMAA("91", "Ahvenanmaa", "Åland", "Åland");

    private static final Map<String, Region> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Region::code, Function.identity()));

    private final String code;
    private final String nameFi;
    private final String nameSv;
    private final String nameEn;

    Region(String code, String nameFi, String nameSv, String nameEn) {
        this.code = code;
        this.nameFi = nameFi;
        this.nameSv = nameSv;
        this.nameEn = nameEn;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String nameFi() {
        return nameFi;
    }

    public String nameSv() {
        return nameSv;
    }

    public String nameEn() {
        return nameEn;
    }

    /** True for a Statistics Finland wellbeing services county code of this list. */
    public static boolean isCode(String code) {
        return code != null && BY_CODE.containsKey(code);
    }

    /** @throws IllegalArgumentException for a code that is not a wellbeing services county */
    @JsonCreator
    public static Region ofCode(String code) {
        Region region = code == null ? null : BY_CODE.get(code);
        if (region == null) {
            throw new IllegalArgumentException("unknown region code '" + code
                    + "', expected a wellbeing services county code 01-21, 90 or 91");
        }
        return region;
    }
}
