using System.Globalization;

namespace LogReg.Simd.Internal;

/// <summary>
/// Number text that parses back to the same bits. .NET 10's shortest form ("R") is not always that:
/// -2^-25 formats as "-2.980232238769531E-08", which parses to the next double down. The shortest
/// form is kept when it round-trips, else 17 (double) or 9 (float) significant digits, which always do.
/// </summary>
internal static class RoundTripText
{
    public static string Of(double value)
    {
        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        return BitConverter.DoubleToInt64Bits(double.Parse(shortest, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(value)
            ? shortest
            : value.ToString("G17", CultureInfo.InvariantCulture);
    }

    public static string Of(float value)
    {
        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        return BitConverter.SingleToInt32Bits(float.Parse(shortest, CultureInfo.InvariantCulture)) == BitConverter.SingleToInt32Bits(value)
            ? shortest
            : value.ToString("G9", CultureInfo.InvariantCulture);
    }
}
