using System.Resources;

namespace Workbook.Cli.Localization;

/// <summary>The texts of <c>workbook doctor</c> (<c>DoctorText.resx</c>, Vietnamese in <c>DoctorText.vi.resx</c>).</summary>
public static class DoctorText
{
    private static readonly ResourceManager Resources = new("Workbook.Cli.Localization.DoctorText", typeof(DoctorText).Assembly);

    public static string ColumnCheck => Resx.Get(Resources, nameof(ColumnCheck));

    public static string ColumnFound => Resx.Get(Resources, nameof(ColumnFound));

    public static string MarkOk => Resx.Get(Resources, nameof(MarkOk));

    public static string MarkFail => Resx.Get(Resources, nameof(MarkFail));

    public static string WillUse => Resx.Get(Resources, nameof(WillUse));

    public static string GainsHeading => Resx.Get(Resources, nameof(GainsHeading));

    public static string ToFix(object? check, object? fix) => Resx.Format(Resources, nameof(ToFix), check, fix);

    public static string TestsCanRun => Resx.Get(Resources, nameof(TestsCanRun));

    public static string TestsCannotRun => Resx.Get(Resources, nameof(TestsCannotRun));

    public static string CheckDocker => Resx.Get(Resources, nameof(CheckDocker));

    public static string CheckRedisServer => Resx.Get(Resources, nameof(CheckRedisServer));

    public static string CheckGarnet => Resx.Get(Resources, nameof(CheckGarnet));

    public static string CheckKcat => Resx.Get(Resources, nameof(CheckKcat));

    public static string CheckRedisChain => Resx.Get(Resources, nameof(CheckRedisChain));

    public static string CheckKafkaChain => Resx.Get(Resources, nameof(CheckKafkaChain));

    public static string CheckRedisAnswers => Resx.Get(Resources, nameof(CheckRedisAnswers));

    public static string CheckKafkaAnswers => Resx.Get(Resources, nameof(CheckKafkaAnswers));

    public static string RedisExample => Resx.Get(Resources, nameof(RedisExample));

    public static string KafkaExample => Resx.Get(Resources, nameof(KafkaExample));

    public static string DockerAnswers => Resx.Get(Resources, nameof(DockerAnswers));

    public static string DockerNoEngine => Resx.Get(Resources, nameof(DockerNoEngine));

    public static string DockerNotAsked(object? setting) => Resx.Format(Resources, nameof(DockerNotAsked), setting);

    public static string RedisServerNotFound => Resx.Get(Resources, nameof(RedisServerNotFound));

    public static string GarnetBuiltIn(object? version) => Resx.Format(Resources, nameof(GarnetBuiltIn), version);

    public static string KcatNotFound => Resx.Get(Resources, nameof(KcatNotFound));

    public static string VariableNotSet(object? what) => Resx.Format(Resources, nameof(VariableNotSet), what);

    public static string VariableSet(object? value) => Resx.Format(Resources, nameof(VariableSet), value);

    public static string SdkSaid(object? version) => Resx.Format(Resources, nameof(SdkSaid), version);

    public static string SdkInstall => Resx.Get(Resources, nameof(SdkInstall));

    public static string SdkMissing => Resx.Get(Resources, nameof(SdkMissing));

    public static string RedisFix(object? variable) => Resx.Format(Resources, nameof(RedisFix), variable);

    public static string RedisPing(object? milliseconds, object? what) => Resx.Format(Resources, nameof(RedisPing), milliseconds, what);

    public static string GarnetSpeaking(object? version) => Resx.Format(Resources, nameof(GarnetSpeaking), version);

    public static string NoRedisStarted => Resx.Get(Resources, nameof(NoRedisStarted));

    public static string PointsAtSilent(object? variable, object? value) => Resx.Format(Resources, nameof(PointsAtSilent), variable, value);

    public static string RedisFixExternal(object? value, object? variable) => Resx.Format(Resources, nameof(RedisFixExternal), value, variable);

    public static string RedisNone(object? where) => Resx.Format(Resources, nameof(RedisNone), where);

    public static string KafkaMetadata(object? brokers, object? milliseconds) => Resx.Format(Resources, nameof(KafkaMetadata), brokers, milliseconds);

    public static string NoKafkaStarted => Resx.Get(Resources, nameof(NoKafkaStarted));

    public static string KafkaFix(object? variable) => Resx.Format(Resources, nameof(KafkaFix), variable);

    public static string KafkaFixExternal(object? value, object? variable) => Resx.Format(Resources, nameof(KafkaFixExternal), value, variable);

    public static string KafkaNone(object? where) => Resx.Format(Resources, nameof(KafkaNone), where);

    public static string ChainVariableSetRedis(object? variable) => Resx.Format(Resources, nameof(ChainVariableSetRedis), variable);

    public static string ChainVariableNotSet(object? variable) => Resx.Format(Resources, nameof(ChainVariableNotSet), variable);

    public static string ChainDockerRedis => Resx.Get(Resources, nameof(ChainDockerRedis));

    public static string ChainNoDocker => Resx.Get(Resources, nameof(ChainNoDocker));

    public static string ChainRedisServer(object? path) => Resx.Format(Resources, nameof(ChainRedisServer), path);

    public static string ChainGarnet(object? version) => Resx.Format(Resources, nameof(ChainGarnet), version);

    public static string ChainVariableSetKafka(object? variable) => Resx.Format(Resources, nameof(ChainVariableSetKafka), variable);

    public static string ChainKafkaDocker(object? variable) => Resx.Format(Resources, nameof(ChainKafkaDocker), variable);

    public static string ChainKafkaMock(object? variable) => Resx.Format(Resources, nameof(ChainKafkaMock), variable);

    public static string GainRedisServerCluster(object? install) => Resx.Format(Resources, nameof(GainRedisServerCluster), install);

    public static string GainRedisServer(object? install) => Resx.Format(Resources, nameof(GainRedisServer), install);

    public static string GainDocker => Resx.Get(Resources, nameof(GainDocker));

    public static string GainKcat(object? install) => Resx.Format(Resources, nameof(GainKcat), install);
}
