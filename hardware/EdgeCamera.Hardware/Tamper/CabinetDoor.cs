namespace EdgeCamera.Hardware.Tamper;

public enum CabinetDoor
{
    Closed,
    Open,
}
